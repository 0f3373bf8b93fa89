/**
 * What 首页 shows of notices: the newest few (pinned first) with unread marks, how many are unread (the
 * badge), and the payment reminders of the last 90 days. Each part fails on its own: a reminder list that
 * does not load does not hide the notices.
 */
import { ref, shallowRef } from 'vue';
import { type NoticeItem, noticesApi, type Reminder } from '../../api/notices';

export function useNoticeFeed(size = 3) {
  const notices = shallowRef<NoticeItem[]>([]);
  const unread = ref(0);
  const reminders = shallowRef<Reminder[]>([]);
  const loaded = ref(false);
  const failed = ref(false);

  async function load() {
    const [page, rem] = await Promise.allSettled([noticesApi.list(1, size), noticesApi.reminders()]);
    if (page.status === 'fulfilled') {
      notices.value = page.value.items;
      unread.value = page.value.unread;
    }
    if (rem.status === 'fulfilled') reminders.value = rem.value.items;
    failed.value = page.status === 'rejected';
    loaded.value = true;
  }

  return { notices, unread, reminders, loaded, failed, load };
}
