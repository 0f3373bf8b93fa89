/**
 * The org node (group, company, office or estate) the reports or the reminders work in. It travels in the
 * URL (`?nodeId=`) so a reload or a shared link shows the same thing, and the last one is remembered on
 * this device for the next visit, per family.
 *
 * - Reports may run over everything the user may report on: no node is a valid choice ("all").
 * - Reminders need a node (the API requires one): without one in the URL or remembered, the node of the
 *   user's first grant that holds the permission (their own office or estate).
 */
import { type Permission, roleHas } from '@pm/domain';
import { ref, shallowRef, watch } from 'vue';
import { type LocationQueryRaw, useRoute, useRouter } from 'vue-router';
import { getNode } from '../../api/org';
import type { OrgNode } from '../../api/types';
import { useSessionStore } from '../../stores/session';

export const NODE_KEYS = {
  reports: 'pm.reports.node',
  reminders: 'pm.reminders.node',
} as const;
export type NodeKey = (typeof NODE_KEYS)[keyof typeof NODE_KEYS];

export function rememberedNode(key: NodeKey): OrgNode | null {
  try {
    const raw = localStorage.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as Partial<OrgNode>) : null;
    return parsed && typeof parsed.id === 'string' && typeof parsed.name === 'string' && typeof parsed.kind === 'string' ? (parsed as OrgNode) : null;
  } catch {
    return null;
  }
}

function remember(key: NodeKey, node: OrgNode | null): void {
  try {
    if (node) localStorage.setItem(key, JSON.stringify(node));
    else localStorage.removeItem(key);
  } catch {
    // storage full or disabled: the choice is just not remembered
  }
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/**
 * `fallback`: 'all' (reports), or the permission whose first grant gives the default node (reminders).
 * `resetKeys`: query keys that belong to the node (a building of the estate) and go when it changes — in
 * the same URL change, so two replaces never race.
 */
export function useReportNode(key: NodeKey, fallback: 'all' | Permission, resetKeys: readonly string[] = []) {
  const route = useRoute();
  const router = useRouter();
  const session = useSessionStore();
  const node = shallowRef<OrgNode | null>(null);
  /** `start()` has settled on a node (or on "all"). */
  const ready = ref(false);
  const failed = shallowRef<unknown>(null);

  async function start(): Promise<void> {
    failed.value = null;
    const fromUrl = str(route.query.nodeId);
    const known = rememberedNode(key);
    try {
      if (fromUrl) node.value = known?.id === fromUrl ? known : await getNode(fromUrl);
      else if (known) node.value = known;
      else if (fallback !== 'all') {
        const grant = session.me?.grants.find((g) => roleHas(g.role, fallback));
        node.value = grant ? await getNode(grant.nodeId) : null;
      }
      ready.value = true;
    } catch (e) {
      failed.value = e;
    }
  }

  watch(node, (n) => {
    if (!ready.value && n === null) return;
    remember(key, n);
    const id = n?.id;
    if (str(route.query.nodeId) === (id ?? null)) return;
    const query: LocationQueryRaw = { ...route.query, nodeId: id };
    for (const k of resetKeys) delete query[k];
    void router.replace({ query });
  });

  return { node, ready, failed, start };
}
