/**
 * The demo company: 1 group, 1 company, 2 management offices, 3 estates (a ~1,000-unit residential 小区,
 * a commercial tower of shops and offices, a mixed estate), owners and tenants, the demo staff accounts
 * and resident phones. Deterministic: the same data every time. Written in a handful of batched inserts.
 */
import { randomUUID } from 'node:crypto';
import { type Role, periodOf, shiftPeriod, unitSortKey } from '@pm/domain';
import { seedBilling } from './billing';
import { seedWorkOrders } from './work-orders';
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import {
  buildings,
  estates,
  grants,
  meterShares,
  meters,
  occupancies,
  orgNodes,
  parties,
  readingRoutes,
  readings,
  residentAccounts,
  residentBindings,
  routeMeters,
  staffAccounts,
  units,
} from '../db/schema';
import { writeAudit } from '../lib/audit';
import { hashPassword } from '../lib/password';
import { personName, phoneFor, rng } from './names';

export const DEMO_ACCOUNTS = {
  password: 'demo1234',
  users: [
    { username: 'admin', name: '周总', role: 'group_admin' as Role, at: 'group', label: '集团管理员 group admin' },
    { username: 'manager', name: '陈经理', role: 'office_manager' as Role, at: 'office1', label: '项目经理 office manager, 西湖管理处' },
    { username: 'cs', name: '林客服', role: 'customer_service' as Role, at: 'office1', label: '客服 customer service, 西湖管理处' },
    { username: 'cashier', name: '吴收银', role: 'cashier' as Role, at: 'office1', label: '收银 cashier, 西湖管理处' },
    { username: 'tech1', name: '王师傅', role: 'technician' as Role, at: 'estate1', label: '维修工 technician, 翠湖花园' },
    { username: 'reader1', name: '赵抄表', role: 'meter_reader' as Role, at: 'estate1', label: '抄表员 meter reader, 翠湖花园' },
    { username: 'manager2', name: '孙经理', role: 'office_manager' as Role, at: 'office2', label: '项目经理 office manager, 滨江管理处' },
  ],
};

export const DEMO_RESIDENTS = [
  { phone: '13800138000', label: '业主 张伟, bound to 翠湖花园 1栋 1-101' },
  { phone: '13800138001', label: '业主 李娜 of 翠湖花园 2栋 2-101 on record, not yet bound (bind by owner match or invite code)' },
];

export async function isEmpty(db: DbOrTx) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orgNodes);
  return (row?.n ?? 0) === 0;
}

type UnitRow = Omit<typeof units.$inferInsert, 'sortKey'>;
type PartyRow = typeof parties.$inferInsert;
type OccRow = typeof occupancies.$inferInsert;

async function insertBatched<T>(items: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await insert(items.slice(i, i + size));
}

export interface SeedCounts {
  estates: number;
  buildings: number;
  units: number;
  parties: number;
  staff: number;
}

export async function seedDemo(db: Db): Promise<SeedCounts> {
  const r = rng(20261127);
  const hashes = await Promise.all(DEMO_ACCOUNTS.users.map(() => hashPassword(DEMO_ACCOUNTS.password)));
  return db.transaction(async (tx) => {
    const node = (kind: 'group' | 'company' | 'office' | 'estate', name: string, parent?: { id: string; path: string[] }) => {
      const id = randomUUID();
      return { id, parentId: parent?.id ?? null, kind, name, path: [...(parent?.path ?? []), id] };
    };
    const group = node('group', '华悦物业集团');
    const company = node('company', '杭州华悦物业服务有限公司', group);
    const office1 = node('office', '西湖管理处', company);
    const office2 = node('office', '滨江管理处', company);
    const estate1 = node('estate', '翠湖花园', office1);
    const estate2 = node('estate', '华悦中心', office2);
    const estate3 = node('estate', '滨江名苑', office2);
    await tx.insert(orgNodes).values([group, company, office1, office2, estate1, estate2, estate3]);
    await tx.insert(estates).values([
      { id: estate1.id, officeId: office1.id, kind: 'residential', address: '杭州市西湖区文三路 88 号' },
      { id: estate2.id, officeId: office2.id, kind: 'commercial', address: '杭州市滨江区江南大道 1288 号' },
      { id: estate3.id, officeId: office2.id, kind: 'mixed', address: '杭州市滨江区长河路 466 号' },
    ]);

    const buildingRows: (typeof buildings.$inferInsert)[] = [];
    const unitRows: UnitRow[] = [];
    const addBuilding = (estateId: string, name: string, floors: number) => {
      const id = randomUUID();
      buildingRows.push({ id, estateId, name, floors });
      return id;
    };
    const areas = ['89.37', '96.52', '118.60', '132.15', '143.88', '76.20'];
    // 翠湖花园: 12 buildings × 21 floors × 4 units = 1,008 homes; number "<building>-<floor><unit>".
    for (let b = 1; b <= 12; b++) {
      const bid = addBuilding(estate1.id, `${b}栋`, 21);
      for (let f = 1; f <= 21; f++) {
        for (let u = 1; u <= 4; u++) {
          const area = areas[(b + u) % areas.length]!;
          unitRows.push({
            id: randomUUID(),
            estateId: estate1.id,
            buildingId: bid,
            number: `${b}-${f}${String(u).padStart(2, '0')}`,
            floor: f,
            buildingArea: area,
            insideArea: (Number(area) * 0.8).toFixed(2),
            type: 'residential',
            state: r() < 0.88 ? 'occupied' : r() < 0.5 ? 'vacant' : 'renovating',
          });
        }
      }
    }
    // 华悦中心: shops on floors 1–2, offices on 3–20.
    const tower = addBuilding(estate2.id, 'A座', 20);
    for (let f = 1; f <= 20; f++) {
      const per = f <= 2 ? 8 : 6;
      for (let u = 1; u <= per; u++) {
        const shop = f <= 2;
        unitRows.push({
          id: randomUUID(),
          estateId: estate2.id,
          buildingId: tower,
          number: `${shop ? 'S' : ''}${f}${String(u).padStart(2, '0')}`,
          floor: f,
          buildingArea: shop ? '65.40' : '210.75',
          insideArea: shop ? '58.20' : '168.60',
          type: shop ? 'shop' : 'office',
          state: r() < 0.75 ? 'occupied' : 'vacant',
        });
      }
    }
    // 滨江名苑: 4 residential buildings, a row of street shops and a parking level.
    for (let b = 1; b <= 4; b++) {
      const bid = addBuilding(estate3.id, `${b}幢`, 11);
      for (let f = 1; f <= 11; f++) {
        for (let u = 1; u <= 2; u++) {
          unitRows.push({
            id: randomUUID(),
            estateId: estate3.id,
            buildingId: bid,
            number: `${f}0${u}`,
            floor: f,
            buildingArea: u === 1 ? '125.30' : '98.45',
            insideArea: null,
            type: 'residential',
            state: r() < 0.85 ? 'occupied' : 'vacant',
          });
        }
      }
    }
    const shops = addBuilding(estate3.id, '沿街商铺', 1);
    for (let u = 1; u <= 10; u++) {
      unitRows.push({ id: randomUUID(), estateId: estate3.id, buildingId: shops, number: `S${u}`, floor: 1, buildingArea: '48.00', type: 'shop', state: 'occupied' });
    }
    const garage = addBuilding(estate3.id, '地下车库', 1);
    for (let u = 1; u <= 40; u++) {
      unitRows.push({ id: randomUUID(), estateId: estate3.id, buildingId: garage, number: `B1-${String(u).padStart(3, '0')}`, floor: -1, buildingArea: '13.20', type: 'parking', state: 'occupied' });
    }
    await tx.insert(buildings).values(buildingRows);
    const estateNames = new Map<string, string>([estate1, estate2, estate3].map((e) => [e.id, e.name]));
    const buildingNames = new Map<string, string>(buildingRows.map((b) => [b.id!, b.name]));
    const withKeys = unitRows.map((u) => ({
      ...u,
      sortKey: unitSortKey({ estateName: estateNames.get(u.estateId)!, buildingName: buildingNames.get(u.buildingId)!, floor: u.floor, number: u.number }),
    }));
    await insertBatched(withKeys, 1000, (batch) => tx.insert(units).values(batch));

    // Owners for every unit; a tenant for some occupied ones; family for a few.
    const partyRows: PartyRow[] = [];
    const occRows: OccRow[] = [];
    const officeOf = (estateId: string) => (estateId === estate1.id ? office1.id : office2.id);
    let n = 0;
    for (const u of unitRows) {
      const owner: PartyRow = { id: randomUUID(), kind: 'person', name: personName(r), phone: phoneFor(n++), orgNodeId: officeOf(u.estateId) };
      if (u.type === 'shop' || u.type === 'office') {
        if (r() < 0.3) {
          owner.kind = 'company';
          owner.name = `杭州${personName(r).slice(1)}商贸有限公司`;
        }
      }
      partyRows.push(owner);
      const year = 2015 + Math.floor(r() * 10);
      occRows.push({ unitId: u.id!, partyId: owner.id!, relation: 'owner', startDate: `${year}-0${1 + Math.floor(r() * 9)}-15` });
      if (u.state === 'occupied' && r() < 0.12) {
        const tenant: PartyRow = { id: randomUUID(), kind: 'person', name: personName(r), phone: phoneFor(n++), orgNodeId: officeOf(u.estateId) };
        partyRows.push(tenant);
        occRows.push({ unitId: u.id!, partyId: tenant.id!, relation: 'tenant', startDate: '2025-03-01' });
      }
    }
    // A past owner, so unit history has something to show.
    const first = unitRows[0]!;
    const pastOwner: PartyRow = { id: randomUUID(), kind: 'person', name: '钱建国', phone: '13905710000', orgNodeId: office1.id };
    partyRows.push(pastOwner);
    occRows.push({ unitId: first.id!, partyId: pastOwner.id!, relation: 'owner', startDate: '2012-05-01', endDate: '2019-06-30' });
    // The demo residents: 张伟 owns 1-101 (bound), 李娜 owns 2-101 (not bound yet).
    const fix = (number: string, name: string, phone: string) => {
      const unit = unitRows.find((x) => x.number === number && x.estateId === estate1.id)!;
      const occ = occRows.find((o) => o.unitId === unit.id && o.relation === 'owner' && !o.endDate)!;
      const party = partyRows.find((p) => p.id === occ.partyId)!;
      party.name = name;
      party.phone = phone;
      party.idNumber = '330106198805126617';
      return unit;
    };
    const unitZhang = fix('1-101', '张伟', '13800138000');
    fix('2-101', '李娜', '13800138001');
    await insertBatched(partyRows, 1000, (batch) => tx.insert(parties).values(batch));
    await insertBatched(occRows, 1000, (batch) => tx.insert(occupancies).values(batch));

    const at: Record<string, string> = { group: group.id, office1: office1.id, office2: office2.id, estate1: estate1.id };
    const staffRows = DEMO_ACCOUNTS.users.map((u, i) => ({
      id: randomUUID(),
      username: u.username,
      name: u.name,
      phone: `1360571000${i}`,
      passwordHash: hashes[i]!,
      homeNodeId: u.at === 'estate1' ? office1.id : at[u.at]!,
    }));
    await tx.insert(staffAccounts).values(staffRows);
    await tx.insert(grants).values(DEMO_ACCOUNTS.users.map((u, i) => ({ staffId: staffRows[i]!.id, role: u.role, nodeId: at[u.at]! })));

    const [zhang] = await tx.insert(residentAccounts).values({ phone: '13800138000', name: '张伟' }).returning();
    await tx.insert(residentBindings).values({ residentId: zhang!.id, unitId: unitZhang.id!, relation: 'owner', via: 'seed' });

    // Meters: a cold-water and an electricity meter for every home in 翠湖花园 1栋 and 2栋, three approved
    // months of history, and this month's route for reader1 (1栋's meters) with one flagged reading waiting for
    // review; plus a shared common-area water meter 公摊表 serving 1栋's homes.
    const reader = staffRows.find((x) => x.username === 'reader1')!;
    const period = periodOf(new Date());
    const pastPeriods = [3, 2, 1].map((back) => shiftPeriod(period, -back));
    const meterRows: (typeof meters.$inferInsert)[] = [];
    const readingRows: (typeof readings.$inferInsert)[] = [];
    const metered = unitRows.filter((u) => u.estateId === estate1.id && /^[12]-/.test(u.number));
    const lastValue = new Map<string, number>();
    for (const u of metered) {
      for (const type of ['cold_water', 'electricity'] as const) {
        const id = randomUUID();
        const water = type === 'cold_water';
        meterRows.push({
          id,
          estateId: estate1.id,
          unitId: u.id!,
          scope: 'unit',
          type,
          serial: `${water ? 'W' : 'E'}${u.number.replace('-', '')}`,
          code: `PM-${water ? 'W' : 'E'}-${u.number}`,
          multiplier: '1',
          digits: water ? 5 : 6,
          initialReading: '0',
          installDate: '2018-06-01',
        });
        let value = Math.floor(r() * (water ? 800 : 9000)) + 100;
        for (const p of pastPeriods) {
          const usage = water ? 8 + Math.floor(r() * 10) : 120 + Math.floor(r() * 150);
          const previous = value;
          value += usage;
          readingRows.push({
            id: randomUUID(),
            meterId: id,
            period: p,
            value: String(value),
            previous: String(previous),
            usage: String(usage),
            kind: 'normal',
            status: 'approved',
            readerId: reader.id,
            takenAt: new Date(`${p}-25T02:00:00Z`),
          });
        }
        lastValue.set(id, value);
      }
    }
    // A shared water meter 公摊表 for 1栋's common areas, serving every home of 1栋 (not on the reader's route).
    const building1 = buildingRows.find((b) => b.estateId === estate1.id && b.name === '1栋')!;
    const sharedMeter = { id: randomUUID(), estateId: estate1.id, scope: 'shared' as const, type: 'cold_water' as const, serial: 'W1-GQ', code: 'PM-W-1-COMMON', multiplier: '1', digits: 6, initialReading: '0', installDate: '2018-06-01' };
    meterRows.push(sharedMeter);
    let sharedValue = 5000;
    for (const p of pastPeriods) {
      const usage = 300 + Math.floor(r() * 200);
      readingRows.push({ id: randomUUID(), meterId: sharedMeter.id, period: p, value: String(sharedValue + usage), previous: String(sharedValue), usage: String(usage), kind: 'normal', status: 'approved', readerId: reader.id, takenAt: new Date(`${p}-25T02:30:00Z`) });
      sharedValue += usage;
    }
    await insertBatched(meterRows, 1000, (batch) => tx.insert(meters).values(batch));
    await insertBatched(readingRows, 1000, (batch) => tx.insert(readings).values(batch));
    const homesOf1 = unitRows.filter((u) => u.buildingId === building1.id);
    await tx.insert(meterShares).values(homesOf1.map((u) => ({ meterId: sharedMeter.id, unitId: u.id! })));
    const [route] = await tx
      .insert(readingRoutes)
      .values({ estateId: estate1.id, period, name: '1栋 水电表', readerId: reader.id, createdBy: reader.id })
      .returning();
    const onRoute = meterRows.filter((m) => metered.find((u) => u.id === m.unitId)?.buildingId === building1.id);
    await tx.insert(routeMeters).values(onRoute.map((m, i) => ({ routeId: route!.id, meterId: m.id!, position: i + 1 })));
    // This month's route already has one reading waiting for review: the last meter's usage is a spike.
    const flaggedMeter = onRoute[onRoute.length - 1]!;
    const previous = lastValue.get(flaggedMeter.id!)!;
    const takenAt = new Date(Date.now() - 2 * 3600_000);
    await tx.insert(readings).values({
      id: randomUUID(),
      meterId: flaggedMeter.id!,
      routeId: route!.id,
      period,
      value: String(previous + 1500),
      previous: String(previous),
      usage: '1500',
      kind: 'normal',
      flags: ['spike'],
      status: 'pending_review',
      note: '住户说家里装了新空调',
      readerId: reader.id,
      takenAt,
      receivedAt: takenAt,
    });

    await seedBilling(tx);
    await seedWorkOrders(tx);
    await writeAudit(tx, { kind: 'system' }, undefined, { action: 'seed', entity: 'org_node', entityId: group.id, after: { units: unitRows.length } });
    return { estates: 3, buildings: buildingRows.length, units: unitRows.length, parties: partyRows.length, staff: staffRows.length };
  });
}
