/**
 * The resident's work-order notifications 消息 (assigned, status change, survey waiting, a reply…): the
 * unread count for the bell and the "new" dots on orders, and marking them read. One store so the tab,
 * the detail and the list agree; loading it is cheap (`?unread=1`) and a failure only hides the dots.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { type WorkOrderNotification, workOrdersApi } from '../../api/work-orders';

export const useWorkOrderNotifications = defineStore('workOrderNotifications', () => {
  const unreadItems = ref<WorkOrderNotification[]>([]);
  const unread = ref(0);
  /** Loaded at least once (an order opened straight from a link finds its unread ones too). */
  const loaded = ref(false);

  const unreadByOrder = computed(() => {
    const m = new Map<string, number>();
    for (const n of unreadItems.value) if (n.workOrderId) m.set(n.workOrderId, (m.get(n.workOrderId) ?? 0) + 1);
    return m;
  });

  /** Unread count and items; errors are swallowed (the badge is a nicety, never a reason to fail a screen). */
  async function refresh(): Promise<void> {
    try {
      const r = await workOrdersApi.notifications(true);
      unreadItems.value = r.items.filter((n) => !n.readAt);
      unread.value = r.unread;
      loaded.value = true;
    } catch {
      // keep what we had
    }
  }

  function forget(ids: readonly string[] | null) {
    const gone = ids ? new Set(ids) : null;
    const before = unreadItems.value.length;
    unreadItems.value = gone ? unreadItems.value.filter((n) => !gone.has(n.id)) : [];
    unread.value = gone ? Math.max(0, unread.value - (before - unreadItems.value.length)) : 0;
  }

  /** Marks these read (all when null) on the server, then here. Throws what the server said. */
  async function markRead(ids: readonly string[] | null): Promise<void> {
    if (ids && !ids.length) return;
    await workOrdersApi.markRead(ids ? [...ids] : undefined);
    forget(ids);
  }

  /** Opening an order reads its notifications. Quietly: the order is what the resident came for. */
  async function markOrderRead(workOrderId: string): Promise<void> {
    if (!loaded.value) await refresh();
    const ids = unreadItems.value.filter((n) => n.workOrderId === workOrderId).map((n) => n.id);
    await markRead(ids).catch(() => undefined);
  }

  return { unreadItems, unread, unreadByOrder, refresh, markRead, markOrderRead };
});
