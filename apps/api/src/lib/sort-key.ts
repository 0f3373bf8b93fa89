/** SQL for rewriting one part of stored unit sort keys (see @pm/domain unitSortKey) after a rename. */
import { SORT_KEY_SEPARATOR } from '@pm/domain';
import { type SQL, sql } from 'drizzle-orm';

/** `sort_key` with part `n` (1 = estate, 2 = building) replaced by `value`; the other parts kept. */
export function replaceSortKeyPart(n: 1 | 2, value: string): SQL {
  const sep = SORT_KEY_SEPARATOR;
  const part = (i: number) => sql`split_part(sort_key, ${sep}, ${i})`;
  const parts = [1, 2, 3, 4].map((i) => (i === n ? sql`${value}` : part(i)));
  return sql`${sql.join(parts, sql` || ${sep} || `)}`;
}
