/**
 * Reconciliation results for finance (`report:read`): the runs of a day and their mismatches. A merchant account
 * serves every estate, so runs are not per estate; each mismatch is, and is shown only to those who may report on
 * its estate. A provider record that matches no order of ours has no estate: it is shown to whoever holds
 * `report:read` on a root of the organisation (the group), where the merchant account belongs.
 */
import { type Permission, scopeRoots, todayInShanghai } from '@pm/domain';
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { orgNodes, reconciliationMismatches, reconciliationRuns } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { ForbiddenError, ValidationError } from '../../lib/errors';
import { inScope } from '../../lib/scope';
import type { ProviderName } from '../../payments/providers';
import type { PaymentsRuntime } from '../../payments/runtime';
import { reconcileDay } from './reconcile';

const PERMISSION: Permission = 'report:read';

function requireReporter(ctx: StaffContext) {
  const roots = scopeRoots(ctx.actor.grants, PERMISSION);
  if (roots.length === 0) throw new ForbiddenError();
  return roots;
}

async function holdsRoot(ctx: StaffContext, roots: string[]): Promise<boolean> {
  const rows = await ctx.db
    .select({ id: orgNodes.id })
    .from(orgNodes)
    .where(and(inArray(orgNodes.id, roots), isNull(orgNodes.parentId)));
  return rows.length > 0;
}

function runView(r: typeof reconciliationRuns.$inferSelect) {
  return {
    id: r.id,
    provider: r.provider,
    day: r.day,
    source: r.source,
    status: r.status,
    summary: (r.summary ?? null) as Record<string, number> | null,
    error: r.error,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export async function reconciliationReport({ ctx, day }: { ctx: StaffContext; day: string }) {
  const roots = requireReporter(ctx);
  const all = await ctx.db.select().from(reconciliationRuns).where(eq(reconciliationRuns.day, day)).orderBy(desc(reconciliationRuns.startedAt));
  // The latest run per provider is the day's answer (newest first, so the first seen); earlier ones are history.
  const latest = new Map<string, typeof reconciliationRuns.$inferSelect>();
  for (const r of all) if (!latest.has(r.provider)) latest.set(r.provider, r);
  const runs = [...latest.values()];
  const runIds = runs.map((r) => r.id);
  const root = await holdsRoot(ctx, roots);
  const mismatches = runIds.length
    ? await ctx.db
        .select({
          id: reconciliationMismatches.id,
          runId: reconciliationMismatches.runId,
          kind: reconciliationMismatches.kind,
          estateId: reconciliationMismatches.estateId,
          estateName: orgNodes.name,
          orderId: reconciliationMismatches.orderId,
          refundId: reconciliationMismatches.refundId,
          outTradeNo: reconciliationMismatches.outTradeNo,
          transactionId: reconciliationMismatches.transactionId,
          providerAmount: reconciliationMismatches.providerAmount,
          ledgerAmount: reconciliationMismatches.ledgerAmount,
          details: reconciliationMismatches.details,
        })
        .from(reconciliationMismatches)
        .leftJoin(orgNodes, eq(orgNodes.id, reconciliationMismatches.estateId))
        .where(
          and(
            inArray(reconciliationMismatches.runId, runIds),
            or(inScope(reconciliationMismatches.estateId, ctx.actor, PERMISSION), root ? isNull(reconciliationMismatches.estateId) : sql`false`),
          ),
        )
        .orderBy(reconciliationMismatches.kind, reconciliationMismatches.outTradeNo)
    : [];
  return { day, runs: runs.map(runView), mismatches: mismatches.map((m) => ({ ...m, details: m.details ?? null })) };
}

export async function runReconciliation({ ctx, runtime, input }: { ctx: StaffContext; runtime: PaymentsRuntime; input: { day: string; provider?: ProviderName | undefined } }) {
  requireReporter(ctx);
  if (input.day > todayInShanghai(ctx.clock.now())) throw new ValidationError('不能对未来的日期对账 Not a past or current day', [{ path: 'day', message: 'in the future' }]);
  await reconcileDay({ db: ctx.db, clock: ctx.clock, runtime, requestId: ctx.requestId }, { day: input.day, provider: input.provider, actorId: ctx.actor.id });
  return reconciliationReport({ ctx, day: input.day });
}
