/**
 * The period's readings as an .xlsx 抄表记录 for the office and finance: one row per meter in walking order —
 * its current reading of the period, or 未抄 when it has none. Numbers are numeric cells (so finance can sum
 * them), each shown with exactly the decimals of its decimal string.
 */
import { METER_TYPE_LABELS, type ReadingFlag, formatDateTime } from '@pm/domain';
import ExcelJS from 'exceljs';
import { and, asc, eq, isNotNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { buildings, meters, staffAccounts, units } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { authorizeReport } from './access';
import { currentReadingsQuery } from './current';

export const EXPORT_COLUMNS = [
  { header: '楼栋', width: 10 },
  { header: '房号', width: 10 },
  { header: '仪表类型', width: 10 },
  { header: '表号', width: 14 },
  { header: '倍率', width: 8 },
  { header: '上次读数', width: 12 },
  { header: '本次读数', width: 12 },
  { header: '用量', width: 12 },
  { header: '类型', width: 8 },
  { header: '标记', width: 18 },
  { header: '状态', width: 8 },
  { header: '抄表员', width: 10 },
  { header: '抄表时间', width: 17 },
  { header: '备注', width: 30 },
] as const;

const KIND_LABELS: Record<string, string> = { normal: '正常', rollover: '翻表', replaced: '换表' };
const STATUS_LABELS: Record<string, string> = { pending_review: '待审核', approved: '已审核', sent_back: '已退回' };
export const NOT_READ = '未抄';
const FLAG_LABELS: Record<ReadingFlag, string> = {
  lower_than_previous: '低于上次读数',
  rollover_suspicious: '翻表可疑',
  meter_replaced: '换表',
  spike: '用量突增',
  zero_usage: '零用量',
  too_many_digits: '位数超出表盘',
};
const SCOPE_LABELS: Record<string, string> = { shared: '公摊表', master: '总表' };

/**
 * A decimal string as a numeric cell shown with exactly its own decimals ("12.50" → 12.5 shown "12.5",
 * "1285.300" → 1285.3). A value a double cannot hold exactly (more than 15 significant digits) stays text.
 */
function numberCell(cell: ExcelJS.Cell, value: string | null) {
  if (value === null) return;
  const normalized = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
  const significant = normalized.replace('.', '').replace(/^0+/, '').length;
  if (significant > 15) {
    cell.value = normalized;
    return;
  }
  const decimals = normalized.includes('.') ? normalized.split('.')[1]!.length : 0;
  cell.value = Number(normalized);
  cell.numFmt = decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
}

export async function exportReadings({ ctx, input }: { ctx: StaffContext; input: { estateId: string; period: string } }) {
  const estate = await authorizeReport(ctx, input.estateId);
  const cur = currentReadingsQuery(ctx.db, input.estateId, input.period).as('cur');
  const reader = alias(staffAccounts, 'export_reader');
  const rows = await ctx.db
    .select({
      scope: meters.scope,
      type: meters.type,
      serial: meters.serial,
      multiplier: meters.multiplier,
      unitNumber: units.number,
      buildingName: buildings.name,
      readingId: cur.id,
      previous: cur.previous,
      value: cur.value,
      usage: cur.usage,
      kind: cur.kind,
      flags: cur.flags,
      status: cur.status,
      note: cur.note,
      reviewNote: cur.reviewNote,
      sentBackReason: cur.sentBackReason,
      takenAt: cur.takenAt,
      readerName: reader.name,
    })
    .from(meters)
    .leftJoin(units, eq(units.id, meters.unitId))
    .leftJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(cur, eq(cur.meterId, meters.id))
    .leftJoin(reader, eq(reader.id, cur.readerId))
    .where(and(eq(meters.estateId, input.estateId), or(eq(meters.state, 'active'), isNotNull(cur.id))))
    .orderBy(sql`${units.sortKey} nulls first`, asc(meters.type), asc(meters.serial));

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`抄表 ${input.period}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const read = r.readingId !== null;
    const notes = [r.note, r.sentBackReason ? `退回：${r.sentBackReason}` : r.reviewNote ? `审核：${r.reviewNote}` : null].filter((x): x is string => !!x);
    const row = ws.addRow([
      r.buildingName ?? '',
      r.unitNumber ?? SCOPE_LABELS[r.scope] ?? '',
      METER_TYPE_LABELS[r.type].zh,
      r.serial,
      null,
      null,
      null,
      null,
      read && r.kind ? KIND_LABELS[r.kind] : '',
      read ? (r.flags ?? []).map((f) => FLAG_LABELS[f as ReadingFlag] ?? f).join('、') : '',
      read ? STATUS_LABELS[r.status!] : NOT_READ,
      r.readerName ?? '',
      read && r.takenAt ? formatDateTime(new Date(r.takenAt).toISOString()) : '',
      notes.join('；'),
    ]);
    numberCell(row.getCell(5), r.multiplier);
    if (read) {
      numberCell(row.getCell(6), r.previous);
      numberCell(row.getCell(7), r.value);
      numberCell(row.getCell(8), r.usage);
    }
  }
  const name = `${estate.name}-抄表记录-${input.period}.xlsx`;
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), filename: name, asciiFilename: `meter-readings-${input.period}.xlsx` };
}
