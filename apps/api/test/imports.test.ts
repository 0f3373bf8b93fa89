/** The .xlsx import: the template, preview with per-row errors, all-or-nothing commit. */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Suite, setupSuite } from './harness';
import { buildTemplateWorkbook } from './xlsx';

let s: Suite;
let manager: string;
beforeAll(async () => {
  s = await setupSuite();
  manager = await s.loginStaff('manager');
});
afterAll(async () => s?.close());

const upload = (path: string, file: Uint8Array) =>
  s.call('POST', path, { cookie: manager, body: file, headers: { 'content-type': 'application/octet-stream' } });

async function unitCount() {
  const r = (await s.db.execute(sql`select count(*)::int as n from units`)) as unknown as { rows?: { n: number }[] } & { n: number }[];
  return (r.rows ?? r)[0]!.n;
}

const good = [
  ['西溪雅苑', '住宅', '杭州市西湖区紫金港路 1 号', '1幢', '101', 1, 89.37, 72.1, '住宅', '入住', '黄晓明', '13600001111', '330106199001011234'],
  ['西溪雅苑', '住宅', '杭州市西湖区紫金港路 1 号', '1幢', '102', 1, '96.5', '', '住宅', '空置', '黄晓明', '13600001111', ''],
  ['西溪雅苑', '住宅', '', '2幢', '201', 2, 118.6, '', '', '', '周杰', '13600002222', ''],
  ['翠湖花园', '', '', '13栋', '13-101', 1, 88, '', '商铺', '空置', '', '', ''],
];

describe('xlsx import', () => {
  it('downloads a template with the expected columns', async () => {
    const res = await s.app.request('/api/imports/units/template', { headers: { cookie: manager } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('项目名称');
    expect(header).toContain('建筑面积(m²)');
  });

  it('previews a file with per-row errors and writes nothing; commit refuses it whole', async () => {
    const before = await unitCount();
    const file = await buildTemplateWorkbook([
      ...good,
      ['西溪雅苑', '住宅', '', '1幢', '101', 1, 89.37, '', '住宅', '入住', '', '', ''], // duplicate of row 2
      ['西溪雅苑', '住宅', '', '1幢', '103', 1, -5, '', '住宅', '入住', '', '', ''], // negative area
      ['翠湖花园', '', '', '1栋', '1-101', 1, 80, '', '住宅', '入住', '', '', ''], // already exists
      ['西溪雅苑', '别墅区', '', '3幢', '301', 'x', 80, '', '城堡', '入住', '', 'phone?', ''], // several
    ]);
    const preview = await upload(`/imports/units/preview?officeId=${s.ids.office1}`, file);
    expect(preview.status).toBe(200);
    expect(preview.data.ok).toBe(false);
    expect(preview.data.summary).toMatchObject({ rows: 8, valid: 4, invalid: 4 });
    const byRow = Object.fromEntries(preview.data.rows.map((r: any) => [r.row, r.errors]));
    expect(byRow[6]).toEqual(['与第 2 行重复']);
    expect(byRow[7][0]).toMatch(/建筑面积/);
    expect(byRow[8]).toEqual(['房屋已存在']);
    expect(byRow[9].length).toBeGreaterThanOrEqual(4);

    const commit = await upload(`/imports/units/commit?officeId=${s.ids.office1}`, file);
    expect(commit.status).toBe(422);
    expect(commit.data.error.code).toBe('import_invalid');
    expect(commit.data.error.details.rows).toHaveLength(4);
    expect(await unitCount()).toBe(before);
  });

  it('commits a clean file in one go: new estate, buildings, units and owners', async () => {
    const before = await unitCount();
    const file = await buildTemplateWorkbook(good);
    const preview = await upload(`/imports/units/preview?officeId=${s.ids.office1}`, file);
    expect(preview.data).toMatchObject({ ok: true, summary: { rows: 4, valid: 4, newEstates: 1, newBuildings: 3, newUnits: 4, newParties: 2 } });
    const commit = await upload(`/imports/units/commit?officeId=${s.ids.office1}`, file);
    expect(commit.status).toBe(200);
    expect(await unitCount()).toBe(before + 4);

    const units = await s.call('GET', `/units?q=${encodeURIComponent('黄晓明')}`, { cookie: manager });
    expect(units.data.items.map((u: any) => u.number).sort()).toEqual(['101', '102']);
    expect(units.data.items[0]).toMatchObject({ estateName: '西溪雅苑', buildingName: '1幢' });
    const detail = await s.call('GET', `/units/${units.data.items.find((u: any) => u.number === '101').id}`, { cookie: manager });
    expect(detail.data).toMatchObject({ buildingArea: '89.37', insideArea: '72.10', state: 'occupied' });
    expect(detail.data.occupancies[0]).toMatchObject({ partyName: '黄晓明', relation: 'owner', partyPhone: '13600001111' });

    // The same file again: every row now exists, so nothing more is imported.
    const again = await upload(`/imports/units/commit?officeId=${s.ids.office1}`, file);
    expect(again.status).toBe(422);
    expect(await unitCount()).toBe(before + 4);
  });

  it('refuses files that are not xlsx, lack a column, or target a non-office', async () => {
    expect((await upload(`/imports/units/preview?officeId=${s.ids.office1}`, new TextEncoder().encode('hello'))).status).toBe(400);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['项目名称', '楼栋']);
    const missing = await upload(`/imports/units/preview?officeId=${s.ids.office1}`, new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(missing.status).toBe(400);
    expect(missing.data.error.details.missingColumn).toBeTruthy();
    expect((await upload(`/imports/units/preview?officeId=${s.ids.estate1}`, await buildTemplateWorkbook(good))).status).toBe(400);
  });
});
