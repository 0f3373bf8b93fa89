/**
 * What the apps see of an order: the list item (with its SLA clocks at `now`), and the detail (every field,
 * the commands this person may make now with their forms, the timeline, the photos). Names are loaded in
 * one query per kind for a whole page, never per row.
 */
import { ACTOR_KIND_LABELS, type ActorKind, allowedCommands, commandForm, slaStatus, type WorkOrderActor, type WorkOrderPolicy } from '@pm/domain';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { buildings, charges, ledgerEntries, orgNodes, residentAccounts, staffAccounts, units, workOrderEvents } from '../../db/schema';
import type { WorkOrderRow } from './access';
import { toDomain } from './row';
import { loadSettings, type SettingsView } from './settings';

export type Audience = 'staff' | 'resident';

interface Names {
  estates: Map<string, string>;
  units: Map<string, string>;
  staff: Map<string, string>;
  settings: Map<string, SettingsView & { policy: WorkOrderPolicy }>;
}

async function namesFor(db: DbOrTx, rows: WorkOrderRow[]): Promise<Names> {
  const estateIds = [...new Set(rows.map((r) => r.estateId))];
  const unitIds = [...new Set(rows.map((r) => r.unitId).filter((x): x is string => !!x))];
  const staffIds = [...new Set(rows.map((r) => r.assigneeId).filter((x): x is string => !!x))];
  const [estates, unitRows, staffRows] = await Promise.all([
    estateIds.length ? db.select({ id: orgNodes.id, name: orgNodes.name }).from(orgNodes).where(inArray(orgNodes.id, estateIds)) : [],
    unitIds.length
      ? db.select({ id: units.id, number: units.number, building: buildings.name }).from(units).innerJoin(buildings, eq(buildings.id, units.buildingId)).where(inArray(units.id, unitIds))
      : [],
    staffIds.length ? db.select({ id: staffAccounts.id, name: staffAccounts.name }).from(staffAccounts).where(inArray(staffAccounts.id, staffIds)) : [],
  ]);
  const settings = new Map<string, SettingsView & { policy: WorkOrderPolicy }>();
  for (const id of estateIds) settings.set(id, await loadSettings(db, id));
  return {
    estates: new Map(estates.map((e) => [e.id, e.name])),
    units: new Map(unitRows.map((u) => [u.id, `${u.building} ${u.number}`])),
    staff: new Map(staffRows.map((s) => [s.id, s.name])),
    settings,
  };
}

function item(r: WorkOrderRow, names: Names, now: Date) {
  const settings = names.settings.get(r.estateId)!;
  const category = settings.categories.find((c) => c.code === r.category);
  const order = toDomain(r);
  const sla = slaStatus(order, now, settings.policy);
  return {
    id: r.id,
    number: r.number,
    estateId: r.estateId,
    estateName: names.estates.get(r.estateId) ?? '',
    kind: r.kind,
    category: r.category,
    categoryName: category?.zh ?? r.category,
    priority: r.priority,
    state: order.state,
    location: r.location,
    unitId: r.unitId,
    unitLabel: r.unitId ? (names.units.get(r.unitId) ?? null) : null,
    description: r.description,
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeId ? (names.staff.get(r.assigneeId) ?? null) : null,
    submittedAt: order.submittedAt,
    responseDueAt: order.responseDueAt,
    completeDueAt: order.completeDueAt,
    respondedAt: order.respondedAt,
    completedAt: order.completedAt,
    sla: { response: sla.response.status, completion: sla.completion.status },
    escalationLevel: r.escalationLevel,
    reopenCount: r.reopenCount,
    photoCount: r.reportPhotos.length + r.completionPhotos.length,
  };
}
export type WorkOrderListItem = ReturnType<typeof item>;

export async function listItems(db: DbOrTx, rows: WorkOrderRow[], now: Date): Promise<WorkOrderListItem[]> {
  if (rows.length === 0) return [];
  const names = await namesFor(db, rows);
  return rows.map((r) => item(r, names, now));
}

const photoUrl = (audience: Audience, id: string) => (audience === 'staff' ? `/api/work-order-photos/${id}` : `/api/resident/work-order-photos/${id}`);

/** What the unit still owes on the order's charge (paid work), or null. */
async function chargeOwed(db: DbOrTx, chargeId: string | null): Promise<string | null> {
  if (!chargeId) return null;
  const [row] = await db
    .select({ owed: sql<string>`(${charges.amount} + coalesce((select sum(${ledgerEntries.owedDelta}) from ${ledgerEntries} where ${ledgerEntries.chargeId} = ${charges.id}), 0))::numeric(14,2)::text` })
    .from(charges)
    .where(eq(charges.id, chargeId));
  return row?.owed ?? null;
}

export async function detailOf(
  db: DbOrTx,
  r: WorkOrderRow,
  opts: { actor: WorkOrderActor | null; audience: Audience; now: Date; seeReporter: boolean },
) {
  const names = await namesFor(db, [r]);
  const base = item(r, names, opts.now);
  const settings = names.settings.get(r.estateId)!;
  const order = toDomain(r);
  const allowed = opts.actor ? allowedCommands(order, opts.actor, { now: opts.now.toISOString(), policy: settings.policy }) : [];
  const forms = Object.fromEntries(
    allowed.map((c) => [c, commandForm(order, c, opts.actor!, settings.policy)]).filter(([, f]) => f !== null),
  ) as Record<string, NonNullable<ReturnType<typeof commandForm>>>;

  const events = await db
    .select({ e: workOrderEvents, staffName: staffAccounts.name, residentName: residentAccounts.name })
    .from(workOrderEvents)
    .leftJoin(staffAccounts, eq(staffAccounts.id, workOrderEvents.actorStaffId))
    .leftJoin(residentAccounts, eq(residentAccounts.id, workOrderEvents.actorResidentId))
    .where(eq(workOrderEvents.workOrderId, r.id))
    .orderBy(asc(workOrderEvents.at), asc(workOrderEvents.receivedAt));

  let reporterName: string | null = null;
  if (opts.seeReporter) {
    if (r.reportedBy === 'resident' || r.residentId) {
      const [res] = r.residentId ? await db.select({ name: residentAccounts.name, phone: residentAccounts.phone }).from(residentAccounts).where(eq(residentAccounts.id, r.residentId)) : [];
      reporterName = res ? res.name || res.phone : null;
    } else {
      const [st] = await db.select({ name: staffAccounts.name }).from(staffAccounts).where(eq(staffAccounts.id, r.reporterId));
      reporterName = st?.name ?? null;
    }
  }

  const actorName = (kind: string, staffName: string | null, residentName: string | null) => {
    if (kind === 'resident') return residentName || ACTOR_KIND_LABELS.resident.zh;
    if (kind === 'system') return ACTOR_KIND_LABELS.system.zh;
    return staffName ?? ACTOR_KIND_LABELS[kind as ActorKind]?.zh ?? kind;
  };

  return {
    ...base,
    ...order,
    reportPhotos: [...order.reportPhotos],
    completionPhotos: [...order.completionPhotos],
    materials: order.materials.map((m) => ({ ...m })),
    survey: order.survey ? { ...order.survey } : null,
    sla: base.sla,
    // Who filed it is the reporter's account id: hidden with the name, or an anonymous complaint could be traced
    // through a unit's bindings (residentId + phone, binding:read).
    reporterId: opts.seeReporter ? r.reporterId : null,
    reporterName: r.anonymous && !opts.seeReporter ? null : reporterName,
    anonymous: r.anonymous,
    chargeId: r.chargeId,
    chargeOwed: await chargeOwed(db, r.chargeId),
    allowed,
    forms,
    events: events.map(({ e, staffName, residentName }) => ({
      id: e.id,
      command: e.command,
      fromState: e.fromState,
      toState: e.toState,
      actorKind: e.actorKind,
      actorName: actorName(e.actorKind, staffName, residentName),
      at: e.at.toISOString(),
      receivedAt: e.receivedAt.toISOString(),
      note: e.note,
      data: opts.audience === 'resident' ? null : e.data,
    })),
    photos: {
      report: r.reportPhotos.map((id) => ({ id, url: photoUrl(opts.audience, id) })),
      completion: r.completionPhotos.map((id) => ({ id, url: photoUrl(opts.audience, id) })),
    },
  };
}
export type WorkOrderDetail = Awaited<ReturnType<typeof detailOf>>;
