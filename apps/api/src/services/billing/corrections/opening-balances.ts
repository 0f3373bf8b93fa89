/**
 * Opening balances 期初欠费 from an .xlsx file: what units owed before the system took over, one row per
 * unit × fee item × period (楼栋, 房号, 收费项目, 期间, 金额, 到期日, 说明). Template → preview (per-row errors,
 * writes nothing) → commit: every row becomes a `charges` row with source 'opening' in one transaction, or
 * nothing is written (any bad row → 422 `import_invalid`). Idempotent by the file's sha256: committing the
 * same file again (or concurrently) answers the first import and changes nothing. A different file that
 * repeats rows already imported is refused row by row ("已有应收"), so a re-saved copy cannot double them.
 * Prepaid money offsets the new charges at once, oldest due first, as after a billing run.
 */
import { createHash, randomUUID } from 'node:crypto';
import { compare, isCalendarDate, isPeriod, periodOf, sum, toMoneyString } from '@pm/domain';
import ExcelJS from 'exceljs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db';
import { buildings, charges, feeItems, openingBalanceImports, orgNodes, units } from '../../../db/schema';
import { writeAudit } from '../../../lib/audit';
import type { StaffContext } from '../../../lib/context';
import { UnprocessableError, ValidationError } from '../../../lib/errors';
import { readSheet } from '../../../lib/xlsx-sheet';
import { authorizeEstate } from '../access';
import { offsetFromPrepaid } from '../ledger';

export const OPENING_COLUMNS = [
  { key: 'building', header: '楼栋', width: 10, example: '1栋' },
  { key: 'number', header: '房号', width: 10, example: '1-101' },
  { key: 'feeItem', header: '收费项目', width: 14, example: '物业服务费' },
  { key: 'period', header: '期间(YYYY-MM)', width: 14, example: '2025-12' },
  { key: 'amount', header: '金额(元)', width: 12, example: '210.02' },
  { key: 'dueDate', header: '到期日(YYYY-MM-DD)', width: 16, example: '2025-12-31' },
  { key: 'note', header: '说明', width: 30, example: '系统上线前欠费' },
] as const;

export const MAX_OPENING_ROWS = 20000;
const CHUNK = 1000;
const MONEY = /^\d{1,12}(\.\d{1,2})?$/;

export async function buildOpeningTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('期初欠费');
  ws.columns = OPENING_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
  ws.addRow(Object.fromEntries(OPENING_COLUMNS.map((c) => [c.key, c.example])));
  ws.getRow(1).font = { bold: true };
  const notes = wb.addWorksheet('说明');
  notes.addRow(['每行一笔期初欠费：一套房屋、一个收费项目、一个期间。楼栋和房号须与系统中的房屋一致。']);
  notes.addRow(['金额为正数，最多两位小数；期间为 YYYY-MM，不晚于本月；到期日为 YYYY-MM-DD。']);
  notes.addRow(['任何一行有错误时，整个文件都不会导入；同一文件重复提交不会重复入账。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface OpeningRow {
  row: number;
  building: string;
  number: string;
  feeItem: string;
  period: string;
  amount: string;
  dueDate: string;
  note: string;
  errors: string[];
}

/** A header names its column by the text before any bracket: "期间(YYYY-MM)" and "期间" both are 期间. */
const label = (header: string) => header.replace(/[（(].*$/, '').trim();

async function parse(file: ArrayBuffer): Promise<OpeningRow[]> {
  const rows = await readSheet(file, OPENING_COLUMNS, { maxRows: MAX_OPENING_ROWS, headerKey: label });
  if (rows.length === 0) throw new ValidationError('文件中没有数据行 The file has no data rows');
  return rows.map((r) => ({ ...r, errors: [] }));
}

/** The row's own checks (no database); normalises period, amount and due date in place. */
function validateRow(r: OpeningRow, thisMonth: string) {
  if (!r.building) r.errors.push('楼栋不能为空');
  if (!r.number) r.errors.push('房号不能为空');
  if (!r.feeItem) r.errors.push('收费项目不能为空');
  // A period typed as 2025-12 may arrive as the date 2025-12-01.
  if (/^\d{4}-\d{2}-01$/.test(r.period)) r.period = r.period.slice(0, 7);
  if (!isPeriod(r.period)) r.errors.push('期间应为 YYYY-MM');
  else if (r.period > thisMonth) r.errors.push('期间不能晚于本月');
  const amount = r.amount.replace(/^[¥￥]/, '').replace(/,/g, '');
  if (!MONEY.test(amount)) r.errors.push('金额应为正数，最多两位小数');
  else if (compare(amount, '0') <= 0) r.errors.push('金额必须大于 0');
  else r.amount = toMoneyString(amount);
  if (!isCalendarDate(r.dueDate)) r.errors.push('到期日应为 YYYY-MM-DD 的有效日期');
  if (r.note.length > 200) r.errors.push('说明过长（最多 200 字）');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused
  if (/[<>\u0000-\u001f\u007f]/.test(r.note)) r.errors.push('说明含有不允许的字符');
}

/** Validates every row against the estate's units, fee items and existing charges. */
async function analyse(db: DbOrTx, estateId: string, rows: OpeningRow[], thisMonth: string) {
  for (const r of rows) validateRow(r, thisMonth);
  const unitRows = await db
    .select({ id: units.id, number: units.number, buildingName: buildings.name })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(units.estateId, estateId), inArray(units.number, [...new Set(rows.map((r) => r.number).filter(Boolean))])));
  const unitByKey = new Map(unitRows.map((u) => [`${u.buildingName}|${u.number}`, u.id]));

  // Fee items defined on the estate or above it, active; the nearest one wins a name defined twice.
  const [estate] = await db.select({ path: orgNodes.path }).from(orgNodes).where(eq(orgNodes.id, estateId));
  const path = estate?.path ?? [];
  const items = await db
    .select({ id: feeItems.id, name: feeItems.name, nodeId: feeItems.nodeId })
    .from(feeItems)
    .where(and(inArray(feeItems.nodeId, path.length ? path : [estateId]), eq(feeItems.active, 1)));
  const itemByName = new Map<string, string>();
  for (const i of [...items].sort((a, b) => path.indexOf(a.nodeId) - path.indexOf(b.nodeId))) itemByName.set(i.name, i.id);

  const resolved = rows.map((r) => ({
    row: r,
    unitId: unitByKey.get(`${r.building}|${r.number}`),
    feeItemId: itemByName.get(r.feeItem),
  }));
  for (const x of resolved) {
    if (x.row.building && x.row.number && !x.unitId) x.row.errors.push('本项目中没有该房屋');
    if (x.row.feeItem && !x.feeItemId) x.row.errors.push('收费项目不存在或未启用');
  }

  // The same unit × fee item × period twice in the file, or already charged (billed or imported before).
  const seen = new Map<string, number>();
  for (const x of resolved) {
    if (!x.unitId || !x.feeItemId || !isPeriod(x.row.period)) continue;
    const key = `${x.unitId}|${x.feeItemId}|${x.row.period}`;
    const first = seen.get(key);
    if (first !== undefined) x.row.errors.push(`与第 ${first} 行重复`);
    else seen.set(key, x.row.row);
  }
  const unitIds = [...new Set(resolved.map((x) => x.unitId).filter((u): u is string => !!u))];
  const existing = new Set<string>();
  for (let i = 0; i < unitIds.length; i += CHUNK) {
    const found = await db
      .selectDistinct({ unitId: charges.unitId, feeItemId: charges.feeItemId, period: charges.period })
      .from(charges)
      .where(and(inArray(charges.unitId, unitIds.slice(i, i + CHUNK)), sql`${charges.source} <> 'penalty'`));
    for (const c of found) existing.add(`${c.unitId}|${c.feeItemId}|${c.period}`);
  }
  for (const x of resolved) {
    if (x.unitId && x.feeItemId && existing.has(`${x.unitId}|${x.feeItemId}|${x.row.period}`)) x.row.errors.push('该房屋该收费项目该期间已有应收');
  }

  const valid = resolved.filter((x) => x.row.errors.length === 0);
  const summary = {
    rows: rows.length,
    valid: valid.length,
    invalid: rows.length - valid.length,
    total: toMoneyString(sum(valid.map((x) => x.row.amount))),
    units: new Set(valid.map((x) => x.unitId)).size,
  };
  return { summary, valid: valid as { row: OpeningRow; unitId: string; feeItemId: string }[] };
}

const hashOf = (file: ArrayBuffer) => createHash('sha256').update(new Uint8Array(file)).digest('hex');

async function findImport(db: DbOrTx, estateId: string, contentHash: string) {
  const [row] = await db
    .select()
    .from(openingBalanceImports)
    .where(and(eq(openingBalanceImports.estateId, estateId), eq(openingBalanceImports.contentHash, contentHash)));
  return row;
}

const importedAnswer = (row: typeof openingBalanceImports.$inferSelect) => ({
  importId: row.id,
  alreadyImported: true,
  importedAt: row.createdAt.toISOString(),
  summary: { rows: row.rows, valid: row.rows, invalid: 0, total: row.total, units: row.units },
});

/** Validates the file; writes nothing. A file already committed answers that import (`alreadyImported`). */
export async function previewOpening({ ctx, estateId, file }: { ctx: StaffContext; estateId: string; file: ArrayBuffer }) {
  await authorizeEstate(ctx, estateId, 'billing:run');
  const done = await findImport(ctx.db, estateId, hashOf(file));
  if (done) return { ok: true, ...importedAnswer(done), rows: [] as OpeningRow[] };
  const rows = await parse(file);
  const { summary } = await analyse(ctx.db, estateId, rows, periodOf(ctx.clock.now()));
  return { ok: summary.invalid === 0, importId: null, alreadyImported: false, importedAt: null, summary, rows };
}

/** Writes every row as an opening charge in one transaction, or nothing (422 with the bad rows). */
export async function commitOpening({ ctx, estateId, file }: { ctx: StaffContext; estateId: string; file: ArrayBuffer }) {
  await authorizeEstate(ctx, estateId, 'billing:run');
  const contentHash = hashOf(file);
  const done = await findImport(ctx.db, estateId, contentHash);
  if (done) return importedAnswer(done);
  const rows = await parse(file);
  const thisMonth = periodOf(ctx.clock.now());
  const outcome = await ctx.db.transaction(async (tx) => {
    // One opening import per estate at a time: the second waits here, then sees the first one's charges.
    await tx.execute(sql`select id from estates where id = ${estateId} for no key update`);
    const again = await findImport(tx, estateId, contentHash);
    if (again) return { existing: again };
    const { summary, valid } = await analyse(tx, estateId, rows, thisMonth);
    if (summary.invalid > 0) {
      throw new UnprocessableError('import_invalid', `${summary.invalid} 行有错误，未导入任何数据 ${summary.invalid} rows have errors; nothing was imported`, {
        summary,
        rows: rows.filter((r) => r.errors.length > 0),
      });
    }
    const now = ctx.clock.now();
    const [imp] = await tx
      .insert(openingBalanceImports)
      .values({ estateId, contentHash, rows: summary.rows, units: summary.units, total: summary.total, createdBy: ctx.actor.id, createdAt: now })
      .returning();
    const values = valid.map(({ row: r, unitId, feeItemId }) => ({
      id: randomUUID(),
      estateId,
      unitId,
      feeItemId,
      standardId: null,
      period: r.period,
      lineKey: `opening:${imp!.id}:${r.row}`,
      amount: r.amount,
      explanation: r.note ? `期初欠费：${r.note}` : '期初欠费（系统上线前）',
      detail: { kind: 'opening', importId: imp!.id, row: r.row, note: r.note || null },
      dueDate: r.dueDate,
      source: 'opening' as const,
    }));
    for (let i = 0; i < values.length; i += CHUNK) await tx.insert(charges).values(values.slice(i, i + CHUNK));
    await offsetFromPrepaid(tx, ctx, [...new Set(values.map((v) => v.unitId))]);
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'import_opening', entity: 'estate', entityId: estateId, after: { importId: imp!.id, contentHash, ...summary } });
    return { created: imp! };
  });
  if ('existing' in outcome && outcome.existing) return importedAnswer(outcome.existing);
  const imp = (outcome as { created: typeof openingBalanceImports.$inferSelect }).created;
  return { importId: imp.id, alreadyImported: false, importedAt: imp.createdAt.toISOString(), summary: { rows: imp.rows, valid: imp.rows, invalid: 0, total: imp.total, units: imp.units } };
}
