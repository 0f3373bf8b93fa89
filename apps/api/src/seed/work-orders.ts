/**
 * Demo work orders in 翠湖花园, so every screen has something to show on first start:
 * - live ones made through the same `applyCommand` as the app (events, notifications): a resident's repair
 *   waiting for dispatch, a common-area job accepted by 王师傅 (tech1), a paid service in the pool, a complaint
 *   acknowledged, a repair completed and waiting for the survey;
 * - two months of history (closed orders with surveys, some late, some reopened) for the KPI dashboard,
 *   generated from a fixed seed so the demo is the same on every machine.
 * No paid work is completed here: that would post a charge and change the billing demo.
 */
import { computeDueDates, openWorkOrder, slaFor, type WorkOrderActor, type WorkOrderCommand, workOrderPolicy } from '@pm/domain';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { orgNodes, residentAccounts, staffAccounts, units, workOrderEvents, workOrders } from '../db/schema';
import { applyCommand, type Who } from '../services/work-orders/command';
import { nextWorkOrderNumber } from '../services/work-orders/number';
import { toColumns } from '../services/work-orders/row';

const policy = workOrderPolicy();

/** Deterministic pseudo-random numbers (mulberry32), so the demo history is the same everywhere. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(rand: () => number) {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function seedWorkOrders(tx: DbOrTx, now = new Date()) {
  const [estate] = await tx.select().from(orgNodes).where(and(eq(orgNodes.kind, 'estate'), eq(orgNodes.name, '翠湖花园')));
  const [cs] = await tx.select().from(staffAccounts).where(eq(staffAccounts.username, 'cs'));
  const [tech] = await tx.select().from(staffAccounts).where(eq(staffAccounts.username, 'tech1'));
  const [zhang] = await tx.select().from(residentAccounts).where(eq(residentAccounts.phone, '13800138000'));
  if (!estate || !cs || !tech || !zhang) throw new Error('seedWorkOrders needs the demo estate, staff and resident');
  const unitRows = await tx.select({ id: units.id, number: units.number }).from(units).where(eq(units.estateId, estate.id));
  const unit = (n: string) => unitRows.find((u) => u.number === n)!.id;
  const rand = random(20261129);

  const who = (actor: WorkOrderActor, staffId: string | null, residentId: string | null): Who => ({
    sees: () => true,
    actor: (row) => ({ ...actor, isAssignee: row.assigneeId === actor.id, isReporter: true }),
    staffId,
    residentId,
    audit: { kind: 'system' },
  });
  const asCs = who({ kind: 'customer_service', id: cs.id }, cs.id, null);
  const asTech = who({ kind: 'technician', id: tech.id }, tech.id, null);

  async function open(o: { kind: 'repair' | 'complaint' | 'paid_service' | 'internal'; category: string; location: 'unit' | 'common_area'; unitId?: string; description: string; byResident: boolean; minutesAgo: number }) {
    const submittedAt = new Date(now.getTime() - o.minutesAgo * 60_000);
    const actor: WorkOrderActor = o.byResident ? { kind: 'resident', id: zhang!.id } : { kind: 'customer_service', id: cs!.id };
    const decision = openWorkOrder(
      { id: uuidFrom(rand), kind: o.kind, category: o.category, location: o.location, unitId: o.unitId ?? null, description: o.description, submittedAt: submittedAt.toISOString() },
      actor,
      policy,
    );
    if (!decision.ok) throw new Error(`seed work order: ${decision.message}`);
    const [row] = await tx
      .insert(workOrders)
      .values({
        ...(toColumns(decision.order) as typeof workOrders.$inferInsert),
        estateId: estate!.id,
        number: await nextWorkOrderNumber(tx, estate!.id, submittedAt),
        residentId: o.byResident ? zhang!.id : null,
        updatedAt: submittedAt,
      })
      .returning();
    await tx.insert(workOrderEvents).values({
      id: row!.id,
      workOrderId: row!.id,
      command: 'submit',
      toState: 'submitted',
      actorKind: actor.kind,
      actorStaffId: o.byResident ? null : cs!.id,
      actorResidentId: o.byResident ? zhang!.id : null,
      at: submittedAt,
      receivedAt: submittedAt,
    });
    return { row: row!, submittedAt };
  }
  const step = async (id: string, by: Who, command: WorkOrderCommand, at: Date, input: Record<string, unknown> = {}) =>
    applyCommand(tx, by, { id: uuidFrom(rand), workOrderId: id, command, at, input }, at);
  const after = (t: Date, minutes: number) => new Date(t.getTime() + minutes * 60_000);

  // Live orders.
  await open({ kind: 'repair', category: 'water_electric', location: 'unit', unitId: unit('1-101'), description: '厨房水龙头一直滴水，关不紧', byResident: true, minutesAgo: 25 });
  const hall = await open({ kind: 'repair', category: 'public_facilities', location: 'common_area', description: '2栋3楼楼道灯不亮', byResident: false, minutesAgo: 90 });
  await step(hall.row.id, asCs, 'dispatch', after(hall.submittedAt, 5), { assigneeId: tech.id });
  await step(hall.row.id, asTech, 'accept', after(hall.submittedAt, 20));
  await open({ kind: 'paid_service', category: 'pipes', location: 'unit', unitId: unit('1-102'), description: '卫生间下水道堵塞，需要疏通', byResident: false, minutesAgo: 40 });
  const noise = await open({ kind: 'complaint', category: 'noise', location: 'common_area', description: '晚上十点后楼上仍在装修，噪音很大', byResident: true, minutesAgo: 300 });
  await step(noise.row.id, asCs, 'acknowledge', after(noise.submittedAt, 15));
  const door = await open({ kind: 'repair', category: 'doors_windows', location: 'unit', unitId: unit('1-101'), description: '阳台推拉门滑轨卡住', byResident: true, minutesAgo: 26 * 60 });
  await step(door.row.id, asCs, 'dispatch', after(door.submittedAt, 10), { assigneeId: tech.id });
  await step(door.row.id, asTech, 'accept', after(door.submittedAt, 40));
  await step(door.row.id, asTech, 'start', after(door.submittedAt, 180));
  await step(door.row.id, asTech, 'complete', after(door.submittedAt, 240), { completionNotes: '清理滑轨并更换滑轮 2 个', materials: [{ name: '滑轮', quantity: '2', unit: '个' }], labourMinutes: 45 });

  // History for the KPI dashboard: closed repairs and complaints over the last 60 days.
  const categories = ['water_electric', 'pipes', 'doors_windows', 'elevator', 'public_facilities'];
  let history = 0;
  for (let i = 0; i < 120; i++) {
    const submittedAt = new Date(now.getTime() - (2 + rand() * 58) * 86_400_000);
    const complaint = rand() < 0.15;
    const category = complaint ? 'noise' : categories[Math.floor(rand() * categories.length)]!;
    const priority = complaint ? 'normal' : (policy.categories.find((c) => c.code === category)!.defaultPriority as 'normal');
    const due = computeDueDates(submittedAt.toISOString(), slaFor(category, priority, policy));
    const late = rand() < 0.08;
    const respondedAt = after(submittedAt, late ? 200 : 10 + rand() * 90);
    const completedAt = after(submittedAt, late ? 3500 : 60 + rand() * 1800);
    const answered = rand() < 0.9;
    const satisfaction = rand() < 0.93 ? 4 + Math.round(rand()) : 2;
    const answeredAt = after(completedAt, 60 * (2 + rand() * 40));
    const closedAt = answered ? answeredAt : after(completedAt, 7 * 24 * 60);
    await tx.insert(workOrders).values({
      id: uuidFrom(rand),
      number: await nextWorkOrderNumber(tx, estate.id, submittedAt),
      estateId: estate.id,
      kind: complaint ? 'complaint' : 'repair',
      state: 'closed',
      category,
      priority,
      location: 'common_area',
      description: complaint ? '投诉：夜间噪音' : '报修',
      reporterId: cs.id,
      reportedBy: 'customer_service',
      submittedAt,
      responseDueAt: new Date(due.responseDueAt),
      completeDueAt: new Date(due.completeDueAt),
      respondedAt,
      assigneeId: complaint ? cs.id : tech.id,
      assignedAt: respondedAt,
      assignedVia: 'dispatch',
      acceptedAt: complaint ? null : respondedAt,
      startedAt: complaint ? null : respondedAt,
      completedAt,
      completionNotes: complaint ? null : '已处理',
      replyText: complaint ? '已联系施工方，晚上不再施工' : null,
      survey: answered ? { satisfaction, fixed: complaint ? null : satisfaction >= 3, comment: null, channel: rand() < 0.6 ? 'app' : 'phone', answeredAt: answeredAt.toISOString(), recordedBy: null } : null,
      closedAt,
      closeReason: answered ? 'survey' : 'no_response',
      reopenCount: !complaint && satisfaction < 3 && rand() < 0.5 ? 1 : 0,
      updatedAt: closedAt,
    });
    history += 1;
  }
  return { workOrders: 5 + history };
}
