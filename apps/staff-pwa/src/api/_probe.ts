import { createClient } from '@pm/api/client';
import { apiFetch } from '@pm/web/api';

const api = createClient('/api', apiFetch);
export async function probe() {
  const res = await api.units.$get({ query: { q: 'x', page: '1' } });
  const body = await res.json();
  const n: number = body.total;
  const u = await api.units[':id'].$get({ param: { id: 'x' } });
  const d = await u.json();
  const s: string = d.occupancies[0]!.partyName;
  const me = await (await api.me.$get()).json();
  const p: string[] = me.permissions;
  return [n, s, p];
}
