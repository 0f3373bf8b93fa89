/** 工单号: GD + yyMMdd (Beijing) + 4 digits, per estate and day; the row lock on the day's sequence serialises them. */
import { todayInShanghai } from '@pm/domain';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { workOrderSequences } from '../../db/schema';

export async function nextWorkOrderNumber(tx: DbOrTx, estateId: string, now: Date): Promise<string> {
  const day = todayInShanghai(now).replaceAll('-', '').slice(2);
  const [row] = await tx
    .insert(workOrderSequences)
    .values({ estateId, day, next: 2 })
    .onConflictDoUpdate({ target: [workOrderSequences.estateId, workOrderSequences.day], set: { next: sql`${workOrderSequences.next} + 1` } })
    .returning({ next: workOrderSequences.next });
  return `GD${day}${String(row!.next - 1).padStart(4, '0')}`;
}
