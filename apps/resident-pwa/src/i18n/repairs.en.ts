import type { RepairsMessages } from './repairs.zh-CN';

const repairs: RepairsMessages = {
  title: 'Repairs',
};

export default repairs;
