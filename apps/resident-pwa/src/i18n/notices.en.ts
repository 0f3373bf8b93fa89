import type { NoticesMessages } from './notices.zh-CN';

const notices: NoticesMessages = {
  title: 'Notices',
};

export default notices;
