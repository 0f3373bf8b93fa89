// 公告 notices (issue 6). English in ./notices.en.ts.
const notices = {
  title: '公告',
  detailTitle: '通知详情',
  listTitle: '物业通知',
  readAll: '全部已读',
  allRead: '已全部标为已读',
  unread: '未读',
  unreadCount: '{n} 条未读',
  pinned: '置顶',
  noMore: '没有更多了',
  empty: '暂时没有通知',
  expiresAt: '本通知有效期至 {at}',
  home: {
    title: '社区通知',
    more: '查看全部',
    empty: '暂时没有通知',
    failed: '通知暂时无法加载，请稍后再试',
  },
  reminder: {
    title: '缴费提醒',
    section: '缴费提醒（近 {days} 天）',
    text: '{date}，物业服务中心{how}提醒您：{unit} 截至当日有逾期未缴费用，合计 {amount}。',
    how: {
      phone: '致电',
      notice: '送达催缴通知书',
      visit: '上门',
      sms: '发送短信',
    },
    ignoreIfPaid: '如您已缴纳，请忽略本提醒；如对费用有疑问，欢迎到物业服务中心咨询核对。',
    legal: '依照《民法典》第九百四十四条，我们不会以停水、停电等方式催缴，请您放心。',
    pay: '去缴费',
  },
};

export type NoticesMessages = typeof notices;
export default notices;
