/**
 * 应收实收 receivables by fee item over a range of periods (charges.period between `from` and `to`), to
 * date: billed (Σ amounts), reduced (discounts/waivers), adjusted (adjustments, late fees; signed), settled
 * (payments + offsets − refunds) and outstanding = billed − reduced + adjusted − settled, which is exactly
 * what those charges still owe (Σ amount + owed_delta). One SQL statement grouped by fee item.
 */
import { sum, toMoneyString } from '@pm/domain';
import { sql } from 'drizzle-orm';
import type { StaffContext } from '../../../lib/context';
import { ValidationError } from '../../../lib/errors';
import { isReduced, isSettled, money, reportScope, rowsOf } from './scope';

export interface ReceivablesRow {
  feeItemId: string;
  feeItemName: string;
  category: string;
  charges: number;
  billed: string;
  reduced: string;
  adjusted: string;
  settled: string;
  outstanding: string;
}

interface Raw {
  fee_item_id: string;
  fee_item_name: string;
  category: string;
  n: number;
  billed: string;
  reduced: string;
  adjusted: string;
  settled: string;
}

export async function receivablesReport({ ctx, input }: { ctx: StaffContext; input: { nodeId?: string | undefined; from: string; to: string } }) {
  if (input.from > input.to) throw new ValidationError('from must not be after to', [{ path: 'from', message: 'after to' }]);
  const scope = await reportScope(ctx, 'report:read', input.nodeId);
  const raw = await rowsOf<Raw>(
    ctx.db,
    sql`
    select c.fee_item_id, fi.name as fee_item_name, fi.category, count(*)::int as n,
           ${money(sql`sum(c.amount)`)} as billed, ${money(sql`coalesce(sum(l.reduced), 0)`)} as reduced,
           ${money(sql`coalesce(sum(l.adjusted), 0)`)} as adjusted, ${money(sql`coalesce(sum(l.settled), 0)`)} as settled
    from charges c
    join fee_items fi on fi.id = c.fee_item_id
    left join (
      select le.charge_id,
             sum(-le.owed_delta) filter (where ${isSettled}) as settled,
             sum(-le.owed_delta) filter (where ${isReduced}) as reduced,
             sum(le.owed_delta) filter (where not (${isSettled}) and not (${isReduced})) as adjusted
      from ledger_entries le
      join charges lc on lc.id = le.charge_id
      left join ledger_entries orig on orig.id = le.reversal_of
      where lc.period between ${input.from} and ${input.to} and ${scope.estates(sql`lc.estate_id`)}
      group by le.charge_id
    ) l on l.charge_id = c.id
    where c.period between ${input.from} and ${input.to} and ${scope.estates(sql`c.estate_id`)}
    group by c.fee_item_id, fi.name, fi.category
    order by sum(c.amount) desc, fi.name`,
  );
  const rows: ReceivablesRow[] = raw.map((r) => ({
    feeItemId: r.fee_item_id,
    feeItemName: r.fee_item_name,
    category: r.category,
    charges: r.n,
    billed: r.billed,
    reduced: r.reduced,
    adjusted: r.adjusted,
    settled: r.settled,
    outstanding: toMoneyString(sum([r.billed, `-${r.reduced}`, r.adjusted, `-${r.settled}`])),
  }));
  const total = (pick: (r: ReceivablesRow) => string) => toMoneyString(sum(rows.map(pick)));
  return {
    from: input.from,
    to: input.to,
    nodeId: scope.node?.id ?? null,
    nodeName: scope.node?.name ?? null,
    rows,
    totals: {
      charges: rows.reduce((a, r) => a + r.charges, 0),
      billed: total((r) => r.billed),
      reduced: total((r) => r.reduced),
      adjusted: total((r) => r.adjusted),
      settled: total((r) => r.settled),
      outstanding: total((r) => r.outstanding),
    },
  };
}
