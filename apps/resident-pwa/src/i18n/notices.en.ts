import type { NoticesMessages } from './notices.zh-CN';

const notices: NoticesMessages = {
  title: 'Notices',
  detailTitle: 'Notice',
  listTitle: 'From the property office',
  readAll: 'Mark all read',
  allRead: 'All marked as read',
  unread: 'Unread',
  unreadCount: '{n} unread',
  pinned: 'Pinned',
  noMore: 'No more',
  empty: 'No notices yet',
  expiresAt: 'This notice is valid until {at}',
  home: {
    title: 'Community notices',
    more: 'All',
    empty: 'No notices yet',
    failed: 'Notices cannot be loaded right now; please try again later',
  },
  reminder: {
    title: 'Payment reminder',
    section: 'Payment reminders (last {days} days)',
    text: 'On {date} the property office {how} to remind you: {unit} had overdue fees of {amount} in total on that day.',
    how: {
      phone: 'called',
      notice: 'delivered a payment notice',
      visit: 'visited',
      sms: 'sent a text message',
    },
    ignoreIfPaid: 'If you have paid already, please ignore this reminder; for questions about the fees, the property office is glad to check them with you.',
    legal: 'Under article 944 of the Civil Code we never cut off water or power to collect fees.',
    pay: 'Pay now',
  },
};

export default notices;
