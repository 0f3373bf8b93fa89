// The technician's cached jobs merged with their outbox, live: what the list and the job screens show.
// Re-reads when a download or the outbox changes (in any tab); SLA badges are re-judged every 30 seconds.
import { computed, onScopeDispose, ref } from 'vue';
import type { WorkOrderDownload } from '../offline/db';
import { getDb, listCommands, type OutboxCommand } from '../offline';
import { useLiveQuery } from '../reading/useLiveQuery';
import { useSessionStore } from '../stores/session';
import { type CachedOrder, cachedOrders, lastDownload } from './cache';
import { jobViews } from './merge';
import { WORK_ORDER_COMMAND_TYPE } from './types';

interface Live {
  cached: CachedOrder[];
  commands: OutboxCommand[];
  download: WorkOrderDownload | null;
}

export const SLA_TICK_MS = 30_000;

export function useJobs() {
  const session = useSessionStore();
  const owner = computed(() => session.me?.id ?? null);
  // undefined while the first read runs.
  const { value: data, error } = useLiveQuery<Live | undefined>(
    async () => {
      const db = getDb();
      const me = owner.value;
      if (!me) return { cached: [], commands: [], download: null };
      const [cached, commands, download] = await Promise.all([cachedOrders(db, me), listCommands({ type: WORK_ORDER_COMMAND_TYPE }, db), lastDownload(db, me)]);
      return { cached, commands, download: download ?? null };
    },
    undefined,
    owner,
  );

  const now = ref(new Date());
  const timer = setInterval(() => {
    now.value = new Date();
  }, SLA_TICK_MS);
  onScopeDispose(() => clearInterval(timer));

  const views = computed(() => {
    const d = data.value;
    const me = owner.value;
    if (!d || !me) return [];
    return jobViews({ cached: d.cached, commands: d.commands, me, now: now.value, settings: d.download?.settings ?? {} });
  });
  const download = computed(() => data.value?.download ?? null);
  const loaded = computed(() => data.value !== undefined);
  return { views, download, loaded, error, now };
}
