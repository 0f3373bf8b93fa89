/**
 * Ledger corrections 账务更正: an adjustment 调整 of a charge (signed), a discount 减免 of a charge — a waiver
 * 违约金减免 when the charge is a late fee — and a refund 退款 of prepaid money. Each is one append-only ledger
 * entry, posted in a transaction with its audit record; nothing posted is edited.
 *
 * - Idempotent by the client's `id`: it is the ledger entry's id (and the approval's). The same request
 *   again answers the same correction; another request under the same id is 409 `conflict`
 *   (`details.code = idempotency_conflict`). A concurrent duplicate loses the primary-key race and answers
 *   with the winner's correction.
 * - Above the estate's approval threshold (|amount|, default ¥500.00) the correction is stored as `pending`
 *   in `ledger_approvals` and posts only when a second person with `ledger:approve` approves it.
 * - The deltas: adjustment owed_delta = amount; discount/waiver owed_delta = −amount; refund
 *   prepaid_delta = −amount. An upward adjustment is offset from prepaid money at once (like a new charge);
 *   a discount, waiver, downward adjustment or refund moves nothing else.
 * - Checked under row locks (the charge FOR UPDATE, like the counter; the unit for a refund): what a charge
 *   owes never goes below 0 (409 `would_overpay`) and a refund never exceeds the prepaid balance
 *   (409 `insufficient_prepaid`). A pending one is checked when requested and again when approved.
 */
import { add, compare, isNegative, negate, toMoneyString } from '@pm/domain';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../db';
import { billingSettings, buildings, charges, feeItems, ledgerApprovals, ledgerEntries, staffAccounts, units } from '../../../db/schema';
import { writeAudit } from '../../../lib/audit';
import type { StaffContext } from '../../../lib/context';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../lib/errors';
import { authorizeEstate } from '../access';
import { offsetFromPrepaid, owedOf, prepaidBalances } from '../ledger';

export type CorrectionKind = (typeof ledgerApprovals.$inferSelect)['kind'];
export type RefundMethod = 'cash' | 'wechat' | 'alipay' | 'bank' | 'pos';
export type CorrectionStatus = 'posted' | 'pending' | 'approved' | 'rejected';

/** A correction as requested: what the idempotency check compares, and what posting writes. */
interface CorrectionRequest {
  id: string;
  kind: CorrectionKind;
  estateId: string;
  unitId: string;
  chargeId: string | null;
  amount: string;
  method: RefundMethod | null;
  reason: string;
  requestedBy: string;
}

export const DEFAULT_APPROVAL_THRESHOLD = '500.00';

export async function approvalThreshold(db: DbOrTx, estateId: string): Promise<string> {
  const [row] = await db.select({ threshold: billingSettings.approvalThreshold }).from(billingSettings).where(eq(billingSettings.estateId, estateId));
  return row?.threshold ?? DEFAULT_APPROVAL_THRESHOLD;
}

const abs = (amount: string) => (isNegative(amount) ? toMoneyString(negate(amount)) : amount);

/** The ledger deltas of a correction (see the module comment). */
function deltas(kind: CorrectionKind, amount: string): { owedDelta: string; prepaidDelta: string } {
  switch (kind) {
    case 'adjustment':
      return { owedDelta: amount, prepaidDelta: '0' };
    case 'discount':
    case 'waiver':
      return { owedDelta: toMoneyString(negate(amount)), prepaidDelta: '0' };
    case 'refund':
      return { owedDelta: '0', prepaidDelta: toMoneyString(negate(amount)) };
  }
}

async function chargeOwed(db: DbOrTx, chargeId: string): Promise<string> {
  const [row] = await db.select({ owed: sql<string>`${owedOf}::numeric(14,2)::text` }).from(charges).where(eq(charges.id, chargeId));
  return row?.owed ?? '0.00';
}

/**
 * Would the correction keep the account whole? Throws 409 `would_overpay` / `insufficient_prepaid`;
 * otherwise returns the balance it changes, before and after (for the audit record).
 */
async function checkEffect(db: DbOrTx, req: CorrectionRequest) {
  if (req.chargeId) {
    const owed = await chargeOwed(db, req.chargeId);
    const after = toMoneyString(add(owed, deltas(req.kind, req.amount).owedDelta));
    if (isNegative(after)) {
      throw new AppError(409, 'would_overpay', `该费用尚欠 ¥${owed}，更正后不能小于 0 The charge owes ${owed}; it cannot go below 0`, { owed, amount: req.amount });
    }
    return { before: { owed }, after: { owed: after } };
  }
  const prepaid = (await prepaidBalances(db, [req.unitId])).get(req.unitId) ?? '0.00';
  if (compare(req.amount, prepaid) > 0) {
    throw new AppError(409, 'insufficient_prepaid', `预存余额仅 ¥${prepaid} The prepaid balance is ${prepaid}`, { prepaid, amount: req.amount });
  }
  return { before: { prepaid }, after: { prepaid: toMoneyString(add(prepaid, negate(req.amount))) } };
}

/** Posts the correction's ledger entry (id = the correction's id) in `tx`, under row locks. */
async function post(tx: DbOrTx, ctx: StaffContext, req: CorrectionRequest, approvedBy: string | null) {
  if (req.chargeId) await tx.execute(sql`select id from charges where id = ${req.chargeId} for update`);
  else await tx.execute(sql`select id from units where id = ${req.unitId} for no key update`);
  const effect = await checkEffect(tx, req);
  const [entry] = await tx
    .insert(ledgerEntries)
    .values({
      id: req.id,
      estateId: req.estateId,
      unitId: req.unitId,
      kind: req.kind,
      amount: req.amount,
      ...deltas(req.kind, req.amount),
      chargeId: req.chargeId,
      method: req.method,
      reason: req.reason,
      createdBy: req.requestedBy,
      approvedBy,
    })
    .returning();
  // Raising a charge is like a new charge: prepaid money offsets it at once (oldest due first).
  if (req.kind === 'adjustment' && compare(req.amount, '0') > 0) await offsetFromPrepaid(tx, ctx, [req.unitId]);
  return { entry: entry!, effect };
}

// ---- views ----

const requester = alias(staffAccounts, 'requester');
const decider = alias(staffAccounts, 'decider');

const chargeLabel = sql<string | null>`case when ${charges.id} is null then null else ${charges.period} || ' ' || ${feeItems.name} end`;

function approvalQuery(db: DbOrTx) {
  return db
    .select({
      id: ledgerApprovals.id,
      kind: ledgerApprovals.kind,
      status: ledgerApprovals.status,
      estateId: ledgerApprovals.estateId,
      unitId: ledgerApprovals.unitId,
      unitNumber: units.number,
      buildingName: buildings.name,
      chargeId: ledgerApprovals.chargeId,
      chargeLabel,
      amount: ledgerApprovals.amount,
      method: ledgerApprovals.method,
      reason: ledgerApprovals.reason,
      threshold: ledgerApprovals.threshold,
      requestedBy: ledgerApprovals.requestedBy,
      requestedByName: requester.name,
      requestedAt: ledgerApprovals.requestedAt,
      decidedBy: ledgerApprovals.decidedBy,
      decidedByName: decider.name,
      decidedAt: ledgerApprovals.decidedAt,
      decisionReason: ledgerApprovals.decisionReason,
      entryId: ledgerApprovals.entryId,
    })
    .from(ledgerApprovals)
    .innerJoin(units, eq(units.id, ledgerApprovals.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(requester, eq(requester.id, ledgerApprovals.requestedBy))
    .leftJoin(decider, eq(decider.id, ledgerApprovals.decidedBy))
    .leftJoin(charges, eq(charges.id, ledgerApprovals.chargeId))
    .leftJoin(feeItems, eq(feeItems.id, charges.feeItemId));
}

type ApprovalRow = Awaited<ReturnType<typeof approvalQuery>>[number];

/** A correction as the API answers it (the same answer for a replayed request). */
export interface CorrectionView {
  id: string;
  kind: CorrectionKind;
  /** posted: at or below the threshold, posted at once; otherwise pending → approved | rejected. */
  status: CorrectionStatus;
  estateId: string;
  unitId: string;
  unitNumber: string;
  buildingName: string;
  chargeId: string | null;
  /** "2026-08 物业服务费" for a charge; null for a refund. */
  chargeLabel: string | null;
  amount: string;
  method: string | null;
  reason: string | null;
  /** The threshold that made it need approval; null when posted at once. */
  threshold: string | null;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** The ledger entry (its id is the correction's id); null until posted. */
  entryId: string | null;
}

function approvalView(r: ApprovalRow): CorrectionView {
  return { ...r, status: r.status, requestedAt: r.requestedAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null };
}

async function entryView(db: DbOrTx, id: string): Promise<CorrectionView | undefined> {
  const [r] = await db
    .select({
      id: ledgerEntries.id,
      kind: ledgerEntries.kind,
      estateId: ledgerEntries.estateId,
      unitId: ledgerEntries.unitId,
      unitNumber: units.number,
      buildingName: buildings.name,
      chargeId: ledgerEntries.chargeId,
      chargeLabel,
      amount: ledgerEntries.amount,
      method: ledgerEntries.method,
      reason: ledgerEntries.reason,
      requestedBy: ledgerEntries.createdBy,
      requestedByName: requester.name,
      requestedAt: ledgerEntries.createdAt,
    })
    .from(ledgerEntries)
    .innerJoin(units, eq(units.id, ledgerEntries.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(requester, eq(requester.id, ledgerEntries.createdBy))
    .leftJoin(charges, eq(charges.id, ledgerEntries.chargeId))
    .leftJoin(feeItems, eq(feeItems.id, charges.feeItemId))
    .where(eq(ledgerEntries.id, id));
  if (!r) return undefined;
  return {
    ...r,
    kind: r.kind as CorrectionKind,
    status: 'posted',
    threshold: null,
    requestedBy: r.requestedBy ?? '',
    requestedByName: r.requestedByName ?? '',
    requestedAt: r.requestedAt.toISOString(),
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    decisionReason: null,
    entryId: r.id,
  };
}

/** The correction with this id: a pending/decided approval, or a ledger entry posted at once. */
async function findCorrection(db: DbOrTx, id: string): Promise<CorrectionView | undefined> {
  const [approval] = await approvalQuery(db).where(eq(ledgerApprovals.id, id));
  if (approval) return approvalView(approval);
  return entryView(db, id);
}

const sameRequest = (seen: CorrectionView, req: CorrectionRequest) =>
  seen.kind === req.kind &&
  seen.unitId === req.unitId &&
  seen.chargeId === req.chargeId &&
  compare(seen.amount, req.amount) === 0 &&
  (seen.method ?? null) === req.method &&
  seen.reason === req.reason;

/** Requests a correction: posts it at once, or (above the threshold) stores it for a second person. */
async function submit(ctx: StaffContext, req: CorrectionRequest): Promise<CorrectionView> {
  const replay = async () => {
    const seen = await findCorrection(ctx.db, req.id);
    if (!seen) return undefined;
    if (!sameRequest(seen, req)) throw new ConflictError('this id was used for another correction', { code: 'idempotency_conflict' });
    return seen;
  };
  const done = await replay();
  if (done) return done;

  const threshold = await approvalThreshold(ctx.db, req.estateId);
  const needsApproval = compare(abs(req.amount), threshold) > 0;
  try {
    await ctx.db.transaction(async (tx) => {
      if (needsApproval) {
        // Refused now if it could not post now; checked again, under locks, when approved.
        await checkEffect(tx, req);
        const [row] = await tx
          .insert(ledgerApprovals)
          .values({ ...req, threshold, status: 'pending', requestedAt: ctx.clock.now() })
          .returning();
        await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'request', entity: 'ledger_approval', entityId: req.id, after: row });
      } else {
        const { entry, effect } = await post(tx, ctx, req, null);
        await writeAudit(tx, ctx.actor, ctx.requestId, { action: req.kind, entity: 'ledger_entry', entityId: req.id, before: effect.before, after: { ...entry, ...effect.after } });
      }
    });
  } catch (e) {
    // The same id posted concurrently (a retry): the other request won; answer with its correction.
    const again = await replay().catch(() => undefined);
    if (again) return again;
    throw e;
  }
  return (await findCorrection(ctx.db, req.id))!;
}

async function loadCharge(ctx: StaffContext, chargeId: string) {
  const [charge] = await ctx.db
    .select({ id: charges.id, estateId: charges.estateId, unitId: charges.unitId, source: charges.source })
    .from(charges)
    .where(eq(charges.id, chargeId));
  if (!charge) throw new NotFoundError('charge');
  await authorizeEstate(ctx, charge.estateId, 'ledger:adjust');
  return charge;
}

export interface AdjustmentInput {
  id: string;
  amount: string;
  reason: string;
}

/** 调整: raises (+) or lowers (−) what the charge is for. */
export async function adjustCharge({ ctx, chargeId, input }: { ctx: StaffContext; chargeId: string; input: AdjustmentInput }) {
  const charge = await loadCharge(ctx, chargeId);
  const amount = toMoneyString(input.amount);
  if (compare(amount, '0') === 0) throw new ValidationError('调整金额不能为 0 The adjustment cannot be 0', [{ path: 'amount', message: 'must not be 0' }]);
  return submit(ctx, { id: input.id, kind: 'adjustment', estateId: charge.estateId, unitId: charge.unitId, chargeId, amount, method: null, reason: input.reason, requestedBy: ctx.actor.id });
}

/** 减免: forgoes part of what the charge owes; on a late fee it is a waiver 违约金减免. */
export async function discountCharge({ ctx, chargeId, input }: { ctx: StaffContext; chargeId: string; input: AdjustmentInput }) {
  const charge = await loadCharge(ctx, chargeId);
  const amount = toMoneyString(input.amount);
  if (compare(amount, '0') <= 0) throw new ValidationError('减免金额必须大于 0 The discount must be above 0', [{ path: 'amount', message: 'must be above 0' }]);
  const kind = charge.source === 'penalty' ? 'waiver' : 'discount';
  return submit(ctx, { id: input.id, kind, estateId: charge.estateId, unitId: charge.unitId, chargeId, amount, method: null, reason: input.reason, requestedBy: ctx.actor.id });
}

export interface RefundInput extends AdjustmentInput {
  method: RefundMethod;
}

/** 退款: pays prepaid money back out (at most the prepaid balance). */
export async function refundPrepaid({ ctx, unitId, input }: { ctx: StaffContext; unitId: string; input: RefundInput }) {
  const [unit] = await ctx.db.select({ id: units.id, estateId: units.estateId }).from(units).where(eq(units.id, unitId));
  if (!unit) throw new NotFoundError('unit');
  await authorizeEstate(ctx, unit.estateId, 'ledger:adjust');
  const amount = toMoneyString(input.amount);
  if (compare(amount, '0') <= 0) throw new ValidationError('退款金额必须大于 0 The refund must be above 0', [{ path: 'amount', message: 'must be above 0' }]);
  return submit(ctx, { id: input.id, kind: 'refund', estateId: unit.estateId, unitId, chargeId: null, amount, method: input.method, reason: input.reason, requestedBy: ctx.actor.id });
}

// ---- approvals ----

/** Deciding needs `ledger:approve`; withdrawing your own request needs only `ledger:adjust` (what made it). */
async function loadApproval(ctx: StaffContext, id: string, mine: 'withdraw' | null = null) {
  const [row] = await ctx.db.select().from(ledgerApprovals).where(eq(ledgerApprovals.id, id));
  if (!row) throw new NotFoundError('ledger approval');
  const own = mine === 'withdraw' && row.requestedBy === ctx.actor.id;
  await authorizeEstate(ctx, row.estateId, own ? 'ledger:adjust' : 'ledger:approve');
  return row;
}

const invalidTransition = (status: string, to: string) =>
  new AppError(409, 'invalid_transition', `该更正已${status === 'approved' ? '批准' : '驳回'} The correction is already ${status}`, { status, to });

/** 批准: a second person posts the pending correction (the requester cannot: 403 `same_person`). */
export async function approveCorrection({ ctx, id }: { ctx: StaffContext; id: string }) {
  const row = await loadApproval(ctx, id);
  if (row.requestedBy === ctx.actor.id) {
    throw new AppError(403, 'same_person', '不能批准自己提交的更正 A correction needs a second person to approve it');
  }
  if (row.status === 'rejected') throw invalidTransition('rejected', 'approved');
  if (row.status === 'pending') {
    await ctx.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(ledgerApprovals).where(eq(ledgerApprovals.id, id)).for('update');
      if (locked!.status === 'approved') return; // approved meanwhile (a retry, or another approver)
      if (locked!.status === 'rejected') throw invalidTransition('rejected', 'approved');
      const req: CorrectionRequest = {
        id: locked!.id,
        kind: locked!.kind,
        estateId: locked!.estateId,
        unitId: locked!.unitId,
        chargeId: locked!.chargeId,
        amount: locked!.amount,
        method: locked!.method as RefundMethod | null,
        reason: locked!.reason,
        requestedBy: locked!.requestedBy,
      };
      const { entry, effect } = await post(tx, ctx, req, ctx.actor.id);
      await tx
        .update(ledgerApprovals)
        .set({ status: 'approved', decidedBy: ctx.actor.id, decidedAt: ctx.clock.now(), entryId: entry.id })
        .where(eq(ledgerApprovals.id, id));
      await writeAudit(tx, ctx.actor, ctx.requestId, {
        action: 'approve',
        entity: 'ledger_approval',
        entityId: id,
        before: { ...locked, ...effect.before },
        after: { status: 'approved', entry, ...effect.after },
      });
    });
  }
  return (await findCorrection(ctx.db, id))!;
}

/** 驳回: nothing is posted. The requester may withdraw their own this way. */
export async function rejectCorrection({ ctx, id, input }: { ctx: StaffContext; id: string; input: { reason: string } }) {
  const row = await loadApproval(ctx, id, 'withdraw');
  if (row.status === 'approved') throw invalidTransition('approved', 'rejected');
  if (row.status === 'pending') {
    await ctx.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(ledgerApprovals).where(eq(ledgerApprovals.id, id)).for('update');
      if (locked!.status === 'rejected') return;
      if (locked!.status === 'approved') throw invalidTransition('approved', 'rejected');
      await tx
        .update(ledgerApprovals)
        .set({ status: 'rejected', decidedBy: ctx.actor.id, decidedAt: ctx.clock.now(), decisionReason: input.reason })
        .where(eq(ledgerApprovals.id, id));
      await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'reject', entity: 'ledger_approval', entityId: id, before: locked, after: { reason: input.reason } });
    });
  }
  return (await findCorrection(ctx.db, id))!;
}

/** Who may see the approval queue of an estate: those who approve, or who request corrections. */
async function authorizeQueue(ctx: StaffContext, estateId: string) {
  try {
    await authorizeEstate(ctx, estateId, 'ledger:approve');
  } catch (e) {
    if (!(e instanceof ForbiddenError)) throw e;
    await authorizeEstate(ctx, estateId, 'ledger:adjust');
  }
}

export async function getCorrection({ ctx, id }: { ctx: StaffContext; id: string }) {
  const seen = await findCorrection(ctx.db, id);
  if (!seen || !['adjustment', 'discount', 'waiver', 'refund'].includes(seen.kind)) throw new NotFoundError('ledger approval');
  await authorizeQueue(ctx, seen.estateId);
  return seen;
}

export async function listApprovals({
  ctx,
  input,
}: {
  ctx: StaffContext;
  input: { estateId: string; status?: 'pending' | 'approved' | 'rejected' | undefined; page: number; pageSize: number };
}) {
  await authorizeQueue(ctx, input.estateId);
  const where = and(eq(ledgerApprovals.estateId, input.estateId), input.status ? eq(ledgerApprovals.status, input.status) : undefined);
  const [{ total }] = (await ctx.db.select({ total: count() }).from(ledgerApprovals).where(where)) as [{ total: number }];
  const rows = await approvalQuery(ctx.db)
    .where(where)
    .orderBy(desc(ledgerApprovals.requestedAt), desc(ledgerApprovals.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return { items: rows.map(approvalView), total: Number(total), page: input.page, pageSize: input.pageSize };
}
