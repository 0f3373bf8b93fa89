// 公告: publish notices to estates, buildings or units (issue 6). English in ./notices.en.ts.
const notices = {
  title: '公告',
};

export type NoticesMessages = typeof notices;
export default notices;
