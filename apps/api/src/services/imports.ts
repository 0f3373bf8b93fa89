/**
 * Import of estates / buildings / units / owners from the .xlsx template. Preview and commit run the same
 * validation; commit writes everything in one transaction or nothing at all (any bad row → 422).
 * The file is sent again on commit, so the server keeps no state between the two steps.
 */
import { randomUUID } from 'node:crypto';
import { todayInShanghai, unitSortKey } from '@pm/domain';
import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { refreshStatistics } from '../db/maintenance';
import { buildings, estates, occupancies, orgNodes, parties, units } from '../db/schema';
import { writeAudit } from '../lib/audit';
import type { StaffContext } from '../lib/context';
import { UnprocessableError, ValidationError } from '../lib/errors';
import { readSheet } from '../lib/xlsx-sheet';
import { authorizeNode } from '../lib/scope';

export const TEMPLATE_COLUMNS = [
  { key: 'estate', header: '项目名称', width: 18, example: '翠湖花园' },
  { key: 'estateKind', header: '项目类型(住宅/商业/混合)', width: 14, example: '住宅' },
  { key: 'address', header: '项目地址', width: 28, example: '杭州市西湖区文三路 88 号' },
  { key: 'building', header: '楼栋', width: 10, example: '1栋' },
  { key: 'number', header: '房号', width: 10, example: '1-101' },
  { key: 'floor', header: '所在楼层', width: 10, example: 1 },
  { key: 'buildingArea', header: '建筑面积(m²)', width: 14, example: 89.37 },
  { key: 'insideArea', header: '套内面积(m²)', width: 14, example: 72.1 },
  { key: 'unitType', header: '房屋类型(住宅/商铺/写字楼/车位/储藏室)', width: 18, example: '住宅' },
  { key: 'state', header: '房屋状态(空置/入住/装修)', width: 14, example: '入住' },
  { key: 'ownerName', header: '业主姓名', width: 12, example: '张伟' },
  { key: 'ownerPhone', header: '业主电话', width: 14, example: '13800138000' },
  { key: 'ownerIdNumber', header: '证件号码', width: 22, example: '' },
] as const;
const ESTATE_KIND: Record<string, 'residential' | 'commercial' | 'mixed'> = { 住宅: 'residential', 商业: 'commercial', 混合: 'mixed' };
const UNIT_TYPE: Record<string, 'residential' | 'shop' | 'office' | 'parking' | 'storage'> = {
  住宅: 'residential',
  商铺: 'shop',
  写字楼: 'office',
  车位: 'parking',
  储藏室: 'storage',
};
const UNIT_STATE: Record<string, 'vacant' | 'occupied' | 'renovating'> = { 空置: 'vacant', 入住: 'occupied', 装修: 'renovating' };
export const MAX_IMPORT_ROWS = 20000;

export async function buildTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('房屋导入');
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.addRow(Object.fromEntries(TEMPLATE_COLUMNS.map((c) => [c.key, c.example])));
  ws.getRow(1).font = { bold: true };
  const notes = wb.addWorksheet('说明');
  notes.addRow(['每行一套房屋。项目和楼栋不存在时自动创建；业主按 姓名+电话 匹配，不存在时新建。']);
  notes.addRow(['面积为正数，最多两位小数。任何一行有错误时，整个文件都不会导入。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportRow {
  row: number;
  estate: string;
  estateKind: string;
  address: string;
  building: string;
  number: string;
  floor: string;
  buildingArea: string;
  insideArea: string;
  unitType: string;
  state: string;
  ownerName: string;
  ownerPhone: string;
  ownerIdNumber: string;
  errors: string[];
}

async function parse(file: ArrayBuffer): Promise<ImportRow[]> {
  const rows = await readSheet(file, TEMPLATE_COLUMNS, { maxRows: MAX_IMPORT_ROWS });
  return rows.map((r) => ({ ...r, errors: [] }));
}

const AREA = /^\d{1,8}(\.\d{1,2})?$/;

function validateRow(r: ImportRow) {
  const need = (v: string, label: string, max: number) => {
    if (!v) r.errors.push(`${label}不能为空`);
    else if (v.length > max) r.errors.push(`${label}过长`);
  };
  need(r.estate, '项目名称', 60);
  need(r.building, '楼栋', 40);
  need(r.number, '房号', 20);
  if (r.estateKind && !ESTATE_KIND[r.estateKind]) r.errors.push('项目类型应为 住宅/商业/混合');
  if (r.address.length > 200) r.errors.push('项目地址过长');
  if (!/^-?\d{1,3}$/.test(r.floor)) r.errors.push('所在楼层应为整数');
  if (!AREA.test(r.buildingArea) || Number(r.buildingArea) <= 0) r.errors.push('建筑面积应为正数，最多两位小数');
  if (r.insideArea && (!AREA.test(r.insideArea) || Number(r.insideArea) <= 0)) r.errors.push('套内面积应为正数，最多两位小数');
  if (!UNIT_TYPE[r.unitType || '住宅']) r.errors.push('房屋类型应为 住宅/商铺/写字楼/车位/储藏室');
  if (!UNIT_STATE[r.state || '空置']) r.errors.push('房屋状态应为 空置/入住/装修');
  if (r.ownerName.length > 60) r.errors.push('业主姓名过长');
  if (r.ownerPhone && !/^[0-9+\- ]{5,20}$/.test(r.ownerPhone)) r.errors.push('业主电话格式不正确');
  if (r.ownerPhone && !r.ownerName) r.errors.push('有业主电话时需填写业主姓名');
  if (r.ownerIdNumber && !/^[0-9A-Za-z]{6,30}$/.test(r.ownerIdNumber)) r.errors.push('证件号码格式不正确');
}

async function analyse(ctx: StaffContext, officeId: string, file: ArrayBuffer) {
  const office = await authorizeNode(ctx.db, ctx.actor, officeId, 'import:write', 'org:read', 'office');
  if (office.kind !== 'office') throw new ValidationError('导入目标必须是管理处 The target must be a management office');
  const rows = await parse(file);
  if (rows.length === 0) throw new ValidationError('文件中没有数据行 The file has no data rows');
  rows.forEach(validateRow);

  // Existing estates under this office and their buildings/units, to reuse and to detect duplicates.
  const existingEstates = await ctx.db
    .select({ id: orgNodes.id, name: orgNodes.name })
    .from(orgNodes)
    .where(and(eq(orgNodes.parentId, office.id), eq(orgNodes.kind, 'estate')));
  const estateByName = new Map(existingEstates.map((e) => [e.name, e.id]));
  const estateIds = existingEstates.map((e) => e.id);
  const existingBuildings = estateIds.length
    ? await ctx.db.select({ id: buildings.id, estateId: buildings.estateId, name: buildings.name }).from(buildings).where(inArray(buildings.estateId, estateIds))
    : [];
  const buildingByKey = new Map(existingBuildings.map((b) => [`${b.estateId}|${b.name}`, b.id]));
  const existingUnits = estateIds.length
    ? await ctx.db.select({ buildingId: units.buildingId, number: units.number }).from(units).where(inArray(units.estateId, estateIds))
    : [];
  const unitKeys = new Set(existingUnits.map((u) => `${u.buildingId}|${u.number}`));

  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.estate}|${r.building}|${r.number}`;
    const first = seen.get(key);
    if (first !== undefined) r.errors.push(`与第 ${first} 行重复`);
    else seen.set(key, r.row);
    const estateId = estateByName.get(r.estate);
    const buildingId = estateId ? buildingByKey.get(`${estateId}|${r.building}`) : undefined;
    if (buildingId && unitKeys.has(`${buildingId}|${r.number}`)) r.errors.push('房屋已存在');
  }
  const valid = rows.filter((r) => r.errors.length === 0);
  const newEstates = new Set(rows.filter((r) => !estateByName.has(r.estate)).map((r) => r.estate));
  const newBuildings = new Set(
    rows
      .filter((r) => {
        const e = estateByName.get(r.estate);
        return !e || !buildingByKey.has(`${e}|${r.building}`);
      })
      .map((r) => `${r.estate}|${r.building}`),
  );
  const owners = new Set(rows.filter((r) => r.ownerName).map((r) => `${r.ownerName}|${r.ownerPhone}`));
  const summary = {
    rows: rows.length,
    valid: valid.length,
    invalid: rows.length - valid.length,
    newEstates: newEstates.size,
    newBuildings: newBuildings.size,
    newUnits: valid.length,
    newParties: owners.size,
  };
  return { office, rows, summary, estateByName, buildingByKey };
}

export async function previewImport({ ctx, officeId, file }: { ctx: StaffContext; officeId: string; file: ArrayBuffer }) {
  const { rows, summary } = await analyse(ctx, officeId, file);
  return { ok: summary.invalid === 0, summary, rows };
}

export async function commitImport({ ctx, officeId, file }: { ctx: StaffContext; officeId: string; file: ArrayBuffer }) {
  const { office, rows, summary, estateByName, buildingByKey } = await analyse(ctx, officeId, file);
  if (summary.invalid > 0) {
    throw new UnprocessableError(
      'import_invalid',
      `${summary.invalid} 行有错误，未导入任何数据 ${summary.invalid} rows have errors; nothing was imported`,
      { summary, rows: rows.filter((r) => r.errors.length > 0) },
    );
  }
  const today = todayInShanghai(ctx.clock.now());
  await ctx.db.transaction(async (tx) => {
    const estatesToCreate = new Map<string, ImportRow>();
    for (const r of rows) if (!estateByName.has(r.estate) && !estatesToCreate.has(r.estate)) estatesToCreate.set(r.estate, r);
    for (const [name, r] of estatesToCreate) {
      const id = randomUUID();
      await tx.insert(orgNodes).values({ id, parentId: office.id, kind: 'estate', name, path: [...office.path, id] });
      await tx.insert(estates).values({ id, officeId: office.id, kind: ESTATE_KIND[r.estateKind] ?? 'residential', address: r.address });
      estateByName.set(name, id);
    }
    const maxFloor = new Map<string, number>();
    for (const r of rows) {
      const k = `${estateByName.get(r.estate)}|${r.building}`;
      maxFloor.set(k, Math.max(maxFloor.get(k) ?? 1, Number(r.floor)));
    }
    const buildingsToCreate = [...maxFloor.entries()].filter(([k]) => !buildingByKey.has(k));
    if (buildingsToCreate.length) {
      const created = await tx
        .insert(buildings)
        .values(buildingsToCreate.map(([k, floors]) => ({ estateId: k.split('|')[0]!, name: k.slice(k.indexOf('|') + 1), floors: Math.min(Math.max(floors, 1), 300) })))
        .returning({ id: buildings.id, estateId: buildings.estateId, name: buildings.name });
      for (const b of created) buildingByKey.set(`${b.estateId}|${b.name}`, b.id);
    }
    const unitRows = rows.map((r) => {
      const estateId = estateByName.get(r.estate)!;
      return {
        id: randomUUID(),
        estateId,
        buildingId: buildingByKey.get(`${estateId}|${r.building}`)!,
        number: r.number,
        floor: Number(r.floor),
        buildingArea: r.buildingArea,
        insideArea: r.insideArea || null,
        type: UNIT_TYPE[r.unitType || '住宅']!,
        state: UNIT_STATE[r.state || '空置']!,
        sortKey: unitSortKey({ estateName: r.estate, buildingName: r.building, floor: Number(r.floor), number: r.number }),
      };
    });
    for (let i = 0; i < unitRows.length; i += 1000) await tx.insert(units).values(unitRows.slice(i, i + 1000));

    // Owners: reuse a party of this office with the same name and phone, otherwise create one.
    const ownerKeys = [...new Set(rows.filter((r) => r.ownerName).map((r) => `${r.ownerName}|${r.ownerPhone}`))];
    const partyByKey = new Map<string, string>();
    if (ownerKeys.length) {
      const existing = await tx
        .select({ id: parties.id, name: parties.name, phone: parties.phone })
        .from(parties)
        .where(and(eq(parties.orgNodeId, office.id), inArray(parties.name, [...new Set(rows.map((r) => r.ownerName).filter(Boolean))])));
      for (const p of existing) partyByKey.set(`${p.name}|${p.phone ?? ''}`, p.id);
      const toCreate = ownerKeys.filter((k) => !partyByKey.has(k));
      const idNumbers = new Map(rows.map((r) => [`${r.ownerName}|${r.ownerPhone}`, r.ownerIdNumber]));
      for (let i = 0; i < toCreate.length; i += 1000) {
        const created = await tx
          .insert(parties)
          .values(
            toCreate.slice(i, i + 1000).map((k) => ({
              kind: 'person' as const,
              name: k.split('|')[0]!,
              phone: k.split('|')[1] || null,
              idNumber: idNumbers.get(k) || null,
              orgNodeId: office.id,
            })),
          )
          .returning({ id: parties.id, name: parties.name, phone: parties.phone });
        for (const p of created) partyByKey.set(`${p.name}|${p.phone ?? ''}`, p.id);
      }
    }
    const occ = rows
      .map((r, i) => (r.ownerName ? { unitId: unitRows[i]!.id, partyId: partyByKey.get(`${r.ownerName}|${r.ownerPhone}`)!, relation: 'owner' as const, startDate: today } : null))
      .filter((o) => o !== null);
    for (let i = 0; i < occ.length; i += 1000) await tx.insert(occupancies).values(occ.slice(i, i + 1000));
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'import', entity: 'org_node', entityId: office.id, after: summary });
  });
  // Thousands of new rows at once: statistics now, not whenever autovacuum (if any) gets to it.
  await refreshStatistics(ctx.db);
  return { summary };
}
