/**
 * 催缴 payment reminders: printable notices for the units in arrears under an org node, and the record of
 * each reminder given (a call, a notice, a visit, an SMS) on a unit, with what it owed past due at the time.
 * Anyone who may read charges in the estate (customer service does the calling) may do both. The notice never
 * threatens to cut water or power: 民法典 art. 944 forbids collecting property fees that way, and it says so.
 */
import { addDays, formatYuan, todayInShanghai, toChineseCapital } from '@pm/domain';
import { and, desc, eq, sql } from 'drizzle-orm';
import { paymentReminders, staffAccounts } from '../../../db/schema';
import { writeAudit } from '../../../lib/audit';
import type { StaffContext } from '../../../lib/context';
import { ConflictError, ValidationError } from '../../../lib/errors';
import { authorizeEstate } from '../access';
import { loadUnitHeader } from '../account';
import { perUnitArrears } from './arrears';
import { aggregateRows, money, reportScope, rowsOf } from './scope';

export type ReminderKind = 'phone' | 'notice' | 'visit' | 'sms';

export interface NoticesInput {
  nodeId: string;
  asOf?: string | undefined;
  minOwed?: string | undefined;
  minDays?: number | undefined;
  payBy?: string | undefined;
  buildingId?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** "2026-11-28" → "2026年11月28日". */
export const chineseDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export interface NoticeCharge {
  feeItemName: string;
  period: string;
  owed: string;
  dueDate: string;
}

/** The wording of one notice (polite; amount, pay-by date, and the note that water and power are never cut). */
export function noticeText(n: { ownerName: string | null; estateName: string; buildingName: string; unitNumber: string; owed: string; asOf: string; payBy: string; issued: string; charges: NoticeCharge[] }) {
  const items = [...new Set(n.charges.map((c) => c.feeItemName))];
  const what = items.length > 3 ? `${items.slice(0, 3).join('、')}等费用` : `${items.join('、')}`;
  return [
    `尊敬的${n.ownerName ? `${n.ownerName} ` : ''}业主/住户：`,
    `　　您好！截至${chineseDate(n.asOf)}，您名下${n.estateName}${n.buildingName}${n.unitNumber}房屋尚有${what}共 ${n.charges.length} 笔逾期未缴，合计人民币 ${formatYuan(n.owed)}（大写：${toChineseCapital(n.owed)}），明细见下表。` +
      `敬请您于${chineseDate(n.payBy)}前到物业服务中心或通过线上缴费渠道缴纳。如您已缴纳，请忽略本通知；如对费用有疑问，欢迎到物业服务中心咨询核对。`,
    '　　特别说明：依照《中华人民共和国民法典》第九百四十四条，物业服务人不得采取停止供电、供水、供热、供燃气等方式催交物业费。我们不会以停水停电方式催缴，请您放心。',
    '　　感谢您对我们工作的理解与支持！',
    `${n.estateName}物业服务中心`,
    chineseDate(n.issued),
  ].join('\n');
}

interface RawUnit {
  unit_id: string;
  estate_name: string;
  building_name: string;
  unit_number: string;
  owner_name: string | null;
  owed: string;
  total_rows: number;
}
interface RawCharge {
  unit_id: string;
  fee_item_name: string;
  period: string;
  owed: string;
  due_date: string;
}

export async function reminderNotices({ ctx, input }: { ctx: StaffContext; input: NoticesInput }) {
  const scope = await reportScope(ctx, 'charge:read', input.nodeId);
  const issued = todayInShanghai(ctx.clock.now());
  const asOf = input.asOf ?? issued;
  const payBy = input.payBy ?? addDays(asOf, 15);
  if (payBy < asOf) throw new ValidationError('payBy must not be before asOf', [{ path: 'payBy', message: 'before asOf' }]);
  const minOwed = input.minOwed ?? '0.01';
  const minDays = Math.max(1, input.minDays ?? 0);
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  const units = await aggregateRows<RawUnit>(
    ctx.db,
    sql`
    select pu.unit_id, e.name as estate_name, b.name as building_name, u.number as unit_number, ow.name as owner_name,
           ${money(sql`pu.owed`)} as owed, count(*) over ()::int as total_rows
    from (${perUnitArrears(scope, asOf, minDays)}) pu
    join units u on u.id = pu.unit_id
    join buildings b on b.id = u.building_id
    join org_nodes e on e.id = pu.estate_id
    left join lateral (
      select pa.name from occupancies o join parties pa on pa.id = o.party_id
      where o.unit_id = u.id and o.relation = 'owner' and o.end_date is null
      order by o.start_date, o.id limit 1
    ) ow on true
    where pu.owed >= ${minOwed}::numeric ${input.buildingId ? sql`and u.building_id = ${input.buildingId}::uuid` : sql``}
    order by u.sort_key, u.id
    limit ${sql.raw(String(pageSize))} offset ${sql.raw(String((page - 1) * pageSize))}`,
  );
  const ids = units.map((u) => u.unit_id);
  const charges = ids.length
    ? await rowsOf<RawCharge>(
        ctx.db,
        sql`
        select * from (
          select c.unit_id, fi.name as fee_item_name, c.period, c.due_date::text as due_date,
                 ${money(sql`c.amount + coalesce((select sum(le.owed_delta) from ledger_entries le where le.charge_id = c.id), 0)`)} as owed
          from charges c join fee_items fi on fi.id = c.fee_item_id
          where c.unit_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
            and c.due_date <= ${asOf}::date - ${sql.raw(String(minDays))}
          order by c.due_date, c.period, fi.name, c.id
        ) x where x.owed::numeric > 0`,
      )
    : [];
  const items = units.map((u) => {
    const mine = charges.filter((c) => c.unit_id === u.unit_id).map((c) => ({ feeItemName: c.fee_item_name, period: c.period, owed: c.owed, dueDate: c.due_date }));
    const base = { unitId: u.unit_id, estateName: u.estate_name, buildingName: u.building_name, unitNumber: u.unit_number, ownerName: u.owner_name, owed: u.owed, charges: mine };
    return { ...base, text: noticeText({ ...base, asOf, payBy, issued }) };
  });
  return { asOf, payBy, issued, page, pageSize, total: units[0]?.total_rows ?? 0, items };
}

/** What the unit owes on charges due before `day` (Beijing). */
async function pastDueOwed(ctx: StaffContext, unitId: string, day: string): Promise<string> {
  const [row] = await rowsOf<{ owed: string }>(
    ctx.db,
    sql`
    select ${money(sql`coalesce(sum(owed) filter (where owed > 0), 0)`)} as owed from (
      select c.amount + coalesce((select sum(le.owed_delta) from ledger_entries le where le.charge_id = c.id), 0) as owed
      from charges c where c.unit_id = ${unitId}::uuid and c.due_date < ${day}::date
    ) x`,
  );
  return row!.owed;
}

export interface RecordReminderInput {
  id?: string | undefined;
  kind: ReminderKind;
  note?: string | undefined;
  at?: string | undefined;
}

const view = (r: typeof paymentReminders.$inferSelect, createdByName: string) => ({
  id: r.id,
  unitId: r.unitId,
  estateId: r.estateId,
  kind: r.kind,
  note: r.note,
  owedAtTime: r.owedAtTime,
  at: r.contactedAt.toISOString(),
  createdBy: r.createdBy,
  createdByName,
  createdAt: r.createdAt.toISOString(),
});

async function loadReminder(ctx: StaffContext, id: string) {
  const [row] = await ctx.db
    .select({ r: paymentReminders, name: staffAccounts.name })
    .from(paymentReminders)
    .innerJoin(staffAccounts, eq(staffAccounts.id, paymentReminders.createdBy))
    .where(eq(paymentReminders.id, id));
  return row;
}

export async function recordReminder({ ctx, unitId, input }: { ctx: StaffContext; unitId: string; input: RecordReminderInput }) {
  const unit = await loadUnitHeader(ctx.db, unitId);
  await authorizeEstate(ctx, unit.estateId, 'charge:read');
  const now = ctx.clock.now();
  const at = input.at ? new Date(input.at) : now;
  if (at.getTime() > now.getTime() + 5 * 60_000) throw new ValidationError('at must not be in the future', [{ path: 'at', message: 'in the future' }]);
  const replay = async (id: string) => {
    const seen = await loadReminder(ctx, id);
    if (!seen) return undefined;
    if (seen.r.unitId !== unitId) throw new ConflictError('this id belongs to another reminder', { id });
    return view(seen.r, seen.name);
  };
  if (input.id) {
    const done = await replay(input.id);
    if (done) return done;
  }
  const owedAtTime = await pastDueOwed(ctx, unitId, todayInShanghai(at));
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(paymentReminders)
      .values({ ...(input.id && { id: input.id }), estateId: unit.estateId, unitId, kind: input.kind, note: input.note ?? '', owedAtTime, contactedAt: at, createdBy: ctx.actor.id, createdAt: now })
      .onConflictDoNothing({ target: paymentReminders.id })
      .returning();
    if (!row) return null; // the same id posted concurrently: the other request stored it
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'record', entity: 'payment_reminder', entityId: row.id, after: row });
    return row.id;
  });
  const stored = await replay(id ?? input.id!);
  return stored!;
}

export async function listReminders({ ctx, unitId }: { ctx: StaffContext; unitId: string }) {
  const unit = await loadUnitHeader(ctx.db, unitId);
  await authorizeEstate(ctx, unit.estateId, 'charge:read');
  const rows = await ctx.db
    .select({ r: paymentReminders, name: staffAccounts.name })
    .from(paymentReminders)
    .innerJoin(staffAccounts, eq(staffAccounts.id, paymentReminders.createdBy))
    .where(and(eq(paymentReminders.unitId, unitId)))
    .orderBy(desc(paymentReminders.contactedAt), desc(paymentReminders.createdAt), desc(paymentReminders.id))
    .limit(200);
  const owed = await pastDueOwed(ctx, unitId, todayInShanghai(ctx.clock.now()));
  return { unitId, owed, items: rows.map((x) => view(x.r, x.name)) };
}
