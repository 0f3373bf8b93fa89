/** The resident's verbs: their orders (filed by them, or repairs of their units), one order, act on it, comment. */
import type { WorkOrderCommand } from '@pm/domain';
import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { units as unitsTable, workOrders } from '../../db/schema';
import type { ResidentContext } from '../../lib/context';
import { NotFoundError } from '../../lib/errors';
import { boundUnitIds, residentActor, residentScope, type WorkOrderRow } from './access';
import { addComment, applyCommand, type Who } from './command';
import { activeCategories, loadSettings } from './settings';
import { detailOf, listItems } from './view';

const DONE = ['completed', 'responded', 'closed', 'cancelled'];

function residentWho(ctx: ResidentContext, units: string[]): Who {
  const sees = (row: WorkOrderRow) => row.residentId === ctx.actor.id || (row.kind !== 'complaint' && row.unitId !== null && units.includes(row.unitId));
  return { sees, actor: (row) => residentActor(ctx, row, units), staffId: null, residentId: ctx.actor.id, audit: ctx.actor, requestId: ctx.requestId };
}

async function residentDetail(ctx: ResidentContext, row: WorkOrderRow, units: string[]) {
  return detailOf(ctx.db, row, { actor: residentActor(ctx, row, units), audience: 'resident', now: ctx.clock.now(), seeReporter: row.residentId === ctx.actor.id });
}

export async function residentList({ ctx, input }: { ctx: ResidentContext; input: { unitId?: string | undefined; state?: 'open' | 'done' | undefined } }) {
  const units = await boundUnitIds(ctx.db, ctx.actor.id);
  if (input.unitId && !units.includes(input.unitId)) throw new NotFoundError('unit');
  const where = [residentScope(ctx.actor.id, units)];
  if (input.unitId) where.push(eq(workOrders.unitId, input.unitId));
  if (input.state === 'open') where.push(notInArray(workOrders.state, DONE));
  if (input.state === 'done') where.push(inArray(workOrders.state, DONE));
  const rows = await ctx.db
    .select()
    .from(workOrders)
    .where(and(...where))
    .orderBy(sql`(${workOrders.state} in ('closed','cancelled'))`, desc(workOrders.updatedAt))
    .limit(100);
  return { items: await listItems(ctx.db, rows, ctx.clock.now()) };
}

async function visible(ctx: ResidentContext, id: string, units: string[]) {
  const [row] = await ctx.db.select().from(workOrders).where(eq(workOrders.id, id));
  if (!row || !residentWho(ctx, units).sees(row)) throw new NotFoundError('work order');
  return row;
}

export async function residentGet({ ctx, id }: { ctx: ResidentContext; id: string }) {
  const units = await boundUnitIds(ctx.db, ctx.actor.id);
  return residentDetail(ctx, await visible(ctx, id, units), units);
}

export async function residentCommand({ ctx, id, input }: { ctx: ResidentContext; id: string; input: { id: string; command: WorkOrderCommand; input: Record<string, unknown> } }) {
  const units = await boundUnitIds(ctx.db, ctx.actor.id);
  const now = ctx.clock.now();
  const out = await ctx.db.transaction((tx) => applyCommand(tx, residentWho(ctx, units), { id: input.id, workOrderId: id, command: input.command, at: now, input: input.input }, now));
  return residentDetail(ctx, out.row, units);
}

export async function residentComment({ ctx, id, input }: { ctx: ResidentContext; id: string; input: { id: string; text: string } }) {
  const units = await boundUnitIds(ctx.db, ctx.actor.id);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction((tx) => addComment(tx, residentWho(ctx, units), { id: input.id, workOrderId: id, text: input.text }, now));
  return residentDetail(ctx, (await visible(ctx, row.id, units)), units);
}

/** The categories a resident may file under (for their unit's estate) and the paid-service price list. */
export async function residentSettings({ ctx, unitId }: { ctx: ResidentContext; unitId: string }) {
  const units = await boundUnitIds(ctx.db, ctx.actor.id);
  if (!units.includes(unitId)) throw new NotFoundError('unit');
  const [u] = await ctx.db.select({ estateId: unitsTable.estateId }).from(unitsTable).where(eq(unitsTable.id, unitId));
  const s = await loadSettings(ctx.db, u!.estateId);
  return {
    categories: activeCategories(s).filter((c) => c.kinds.some((k) => k !== 'internal')).map((c) => ({ ...c, kinds: c.kinds.filter((k) => k !== 'internal') })),
    priceList: s.priceList,
    slas: s.slas,
  };
}
