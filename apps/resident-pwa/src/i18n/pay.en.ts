import type { PayMessages } from './pay.zh-CN';

const pay: PayMessages = {
  title: 'Bills',
};

export default pay;
