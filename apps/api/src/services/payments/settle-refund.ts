/**
 * A refund's outcome, once: the refund row is locked and only a `processing` refund changes. Its ledger entries
 * were posted when it was requested (refund-order.ts); success keeps them. Failure (the provider closed it or
 * reports it abnormal, or refused the request) undoes them:
 * - a refund of prepaid money is reversed (the money is on the prepaid balance again);
 * - a refund that reopened a charge is reversed when the charge still owes that much; if the resident has paid
 *   it again meanwhile, the money the company still holds becomes prepaid money instead (a `prepayment` entry,
 *   then offset against open charges as usual) — never a charge owing less than nothing.
 */
import { compare, negate, toMoneyString } from '@pm/domain';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { charges, ledgerEntries, paymentRefunds } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { Clock } from '../../lib/context';
import { lockUnits, offsetFromPrepaid, owedOf } from '../billing/ledger';

export async function settleRefund(
  deps: { db: Db; clock: Clock; requestId?: string },
  refundId: string,
  to: 'succeeded' | 'failed',
  info: { providerState?: string | null; refundId?: string | null; reason?: string },
): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [refund] = await tx.select().from(paymentRefunds).where(eq(paymentRefunds.id, refundId)).for('update');
    if (refund?.state !== 'processing') return false;
    const now = deps.clock.now();
    let reversalIds: string[] = [];
    if (to === 'failed' && refund.entryIds.length) {
      const entries = await tx.select().from(ledgerEntries).where(inArray(ledgerEntries.id, refund.entryIds));
      const unitIds = [...new Set(entries.map((e) => e.unitId))];
      await lockUnits(tx, unitIds);
      const chargeIds = entries.flatMap((e) => (e.chargeId ? [e.chargeId] : []));
      if (chargeIds.length) await tx.execute(sql`select id from charges where id = any(${sql`ARRAY[${sql.join(chargeIds.sort().map((id) => sql`${id}`), sql`, `)}]::uuid[]`}) order by id for update`);
      const owedRows = chargeIds.length
        ? await tx.select({ id: charges.id, owed: sql<string>`${owedOf}::numeric(14,2)::text` }).from(charges).where(inArray(charges.id, chargeIds))
        : [];
      const owed = new Map(owedRows.map((r) => [r.id, r.owed]));
      const undo: (typeof ledgerEntries.$inferInsert)[] = entries.map((e) => {
        const reopened = e.chargeId !== null;
        if (!reopened || compare(owed.get(e.chargeId!) ?? '0', e.amount) >= 0) {
          return {
            estateId: e.estateId,
            unitId: e.unitId,
            kind: 'reversal' as const,
            amount: e.amount,
            owedDelta: toMoneyString(negate(e.owedDelta)),
            prepaidDelta: toMoneyString(negate(e.prepaidDelta)),
            chargeId: e.chargeId,
            receiptId: e.receiptId,
            reversalOf: e.id,
            method: 'online' as const,
            reason: `退款失败 refund failed: ${info.reason ?? info.providerState ?? ''}`.trim(),
          };
        }
        // Paid again since the refund reopened it: the money stays with the company as prepaid money.
        return {
          estateId: e.estateId,
          unitId: e.unitId,
          kind: 'prepayment' as const,
          amount: e.amount,
          prepaidDelta: e.amount,
          receiptId: e.receiptId,
          method: 'online' as const,
          reason: `退款失败，费用已另行缴清，转入预存 refund failed; the charge was paid again`,
        };
      });
      const written = await tx.insert(ledgerEntries).values(undo).returning({ id: ledgerEntries.id, kind: ledgerEntries.kind });
      reversalIds = written.map((w) => w.id);
      // Money back on the prepaid balance offsets open charges at once, as any deposit does.
      if (undo.some((u) => compare(u.prepaidDelta ?? '0', '0') > 0)) await offsetFromPrepaid(tx, null, unitIds, entries[0]?.receiptId ?? null);
    }
    await tx
      .update(paymentRefunds)
      .set({
        state: to,
        completedAt: now,
        providerState: info.providerState ?? refund.providerState,
        providerRefundId: info.refundId ?? refund.providerRefundId,
        failureReason: to === 'failed' ? (info.reason ?? info.providerState ?? 'failed') : null,
        reversalIds,
      })
      .where(eq(paymentRefunds.id, refundId));
    await writeAudit(tx, { kind: 'system' }, deps.requestId, {
      action: to === 'succeeded' ? 'refund_succeeded' : 'refund_failed',
      entity: 'payment_refund',
      entityId: refundId,
      before: { state: 'processing' },
      after: { state: to, providerState: info.providerState ?? null, reversalIds },
    });
    return true;
  });
}
