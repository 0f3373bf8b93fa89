/**
 * The billing reports as .xlsx for finance: Chinese headers, a frozen header row, one row per line of the
 * report and a 合计 row; amounts are numeric cells with a ¥ number format (so they can be summed), percentages
 * numeric with 0.00"%", dates as text YYYY-MM-DD. An amount a double cannot hold exactly stays text.
 */
import { AGING_BUCKET_LABELS, AGING_BUCKETS, todayInShanghai } from '@pm/domain';
import ExcelJS from 'exceljs';
import type { StaffContext } from '../../../lib/context';
import { type ArrearsGroupBy, queryArrears } from './arrears';
import { collectionRate } from './collection-rate';
import { receivablesReport } from './receivables';
import { reportScope } from './scope';

export const YUAN_FORMAT = '"¥"#,##0.00';
export const PERCENT_FORMAT = '0.00"%"';

export interface XlsxFile {
  bytes: Uint8Array<ArrayBuffer>;
  /** UTF-8 name (Content-Disposition filename*). */
  filename: string;
  /** ASCII fallback (filename=). */
  asciiFilename: string;
}

export interface Column {
  header: string;
  width: number;
  kind?: 'money' | 'percent' | 'int';
}

/** A decimal string as a numeric cell with `format`; more than 15 significant digits stays text. */
function setNumber(cell: ExcelJS.Cell, value: string | null | undefined, format: string) {
  if (value === null || value === undefined) return;
  const significant = value.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length;
  if (significant > 15) {
    cell.value = value;
    return;
  }
  cell.value = Number(value);
  cell.numFmt = format;
}

export async function workbook(sheet: string, columns: Column[], rows: (string | number | null)[][], totalRow: (string | number | null)[] | null): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  const put = (values: (string | number | null)[]) => {
    const row = ws.addRow(columns.map((c, i) => (c.kind && c.kind !== 'int' ? null : values[i] ?? null)));
    columns.forEach((c, i) => {
      if (c.kind === 'money') setNumber(row.getCell(i + 1), values[i] as string | null, YUAN_FORMAT);
      if (c.kind === 'percent') setNumber(row.getCell(i + 1), values[i] as string | null, PERCENT_FORMAT);
    });
    return row;
  };
  for (const r of rows) put(r);
  if (totalRow) put(totalRow).font = { bold: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const GROUP_LABEL: Record<ArrearsGroupBy, string> = { estate: '按项目', building: '按楼栋', unit: '按房屋' };
const bucketColumns = (): Column[] => AGING_BUCKETS.map((b) => ({ header: AGING_BUCKET_LABELS[b], width: 14, kind: 'money' as const }));

export async function exportArrears({ ctx, input }: { ctx: StaffContext; input: { nodeId?: string | undefined; asOf?: string | undefined; groupBy?: ArrearsGroupBy | undefined; buildingId?: string | undefined } }): Promise<XlsxFile> {
  const scope = await reportScope(ctx, 'report:read', input.nodeId);
  const asOf = input.asOf ?? todayInShanghai(ctx.clock.now());
  const groupBy = input.groupBy ?? 'estate';
  const report = await queryArrears(ctx, scope, { asOf, groupBy, buildingId: input.buildingId, limit: null, offset: 0 });
  const lead: Column[] =
    groupBy === 'unit'
      ? [
          { header: '项目', width: 16 },
          { header: '楼栋', width: 10 },
          { header: '房号', width: 10 },
          { header: '业主', width: 12 },
        ]
      : groupBy === 'building'
        ? [
            { header: '项目', width: 16 },
            { header: '楼栋', width: 10 },
          ]
        : [{ header: '项目', width: 16 }];
  const columns: Column[] = [
    ...lead,
    { header: '欠费合计', width: 16, kind: 'money' },
    ...bucketColumns(),
    { header: '欠费笔数', width: 10, kind: 'int' },
    { header: '最早应缴日期', width: 14 },
  ];
  const rows = report.rows.map((r) => {
    const names = groupBy === 'unit' ? [r.estateName, r.buildingName ?? '', r.unitNumber ?? '', r.ownerName ?? ''] : groupBy === 'building' ? [r.estateName, r.buildingName ?? ''] : [r.estateName];
    return [...names, r.owed, ...AGING_BUCKETS.map((b) => r.buckets[b]), r.charges, r.oldestDueDate];
  });
  const totalRow = ['合计', ...lead.slice(1).map(() => ''), report.total, ...AGING_BUCKETS.map((b) => report.buckets[b]), report.rows.reduce((a, r) => a + r.charges, 0), ''];
  const where = scope.node?.name ?? '全部';
  return {
    bytes: await workbook(`欠费账龄 ${asOf}`, columns, rows, totalRow),
    filename: `欠费账龄-${where}-${GROUP_LABEL[groupBy]}-${asOf}.xlsx`,
    asciiFilename: `arrears-${groupBy}-${asOf}.xlsx`,
  };
}

export async function exportCollectionRate({ ctx, input }: { ctx: StaffContext; input: { nodeId?: string | undefined; period: string; asOf?: string | undefined } }): Promise<XlsxFile> {
  const report = await collectionRate({ ctx, input });
  const m = (header: string): Column => ({ header, width: 15, kind: 'money' });
  const p = (header: string): Column => ({ header, width: 12, kind: 'percent' });
  const columns: Column[] = [
    { header: '项目', width: 16 },
    m('当期应收'),
    m('减免'),
    m('调整'),
    m('应收净额'),
    m('当期实收'),
    m('当期未收'),
    p('当期收缴率'),
    m('期初往期欠费'),
    m('往期欠费收回'),
    m('往期欠费余额'),
    p('往期欠费收回率'),
  ];
  const line = (name: string, r: (typeof report)['total']) => [
    name,
    r.current.billed,
    r.current.reduced,
    r.current.adjusted,
    r.current.receivable,
    r.current.collected,
    r.current.outstanding,
    r.current.rate,
    r.backArrears.opening,
    r.backArrears.collected,
    r.backArrears.outstanding,
    r.backArrears.rate,
  ];
  const where = report.nodeName ?? '全部';
  return {
    bytes: await workbook(`收缴率 ${report.period}`, columns, report.rows.map((r) => line(r.estateName, r)), line('合计', report.total)),
    filename: `收缴率-${where}-${report.period}.xlsx`,
    asciiFilename: `collection-rate-${report.period}.xlsx`,
  };
}

export async function exportReceivables({ ctx, input }: { ctx: StaffContext; input: { nodeId?: string | undefined; from: string; to: string } }): Promise<XlsxFile> {
  const report = await receivablesReport({ ctx, input });
  const m = (header: string): Column => ({ header, width: 15, kind: 'money' });
  const columns: Column[] = [{ header: '收费项目', width: 16 }, { header: '笔数', width: 10, kind: 'int' }, m('应收'), m('减免'), m('调整'), m('实收'), m('未收')];
  const rows = report.rows.map((r) => [r.feeItemName, r.charges, r.billed, r.reduced, r.adjusted, r.settled, r.outstanding]);
  const t = report.totals;
  const range = report.from === report.to ? report.from : `${report.from}至${report.to}`;
  return {
    bytes: await workbook(`应收实收 ${report.from}`, columns, rows, ['合计', t.charges, t.billed, t.reduced, t.adjusted, t.settled, t.outstanding]),
    filename: `应收实收-${report.nodeName ?? '全部'}-${range}.xlsx`,
    asciiFilename: `receivables-${report.from}-${report.to}.xlsx`,
  };
}
