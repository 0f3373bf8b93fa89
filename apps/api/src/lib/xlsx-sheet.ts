/**
 * Reading an uploaded .xlsx the way every import does: the first worksheet, a header row naming the columns
 * (in any order), one record per non-empty row with every cell as trimmed text. Used by the property import
 * and the opening-balance import.
 */
import ExcelJS from 'exceljs';
import { ValidationError } from './errors';

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as text; a date (Excel turns "2025-12-31" into one) as the YYYY-MM-DD written. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim();
    return '';
  }
  return String(v).trim();
}

export interface SheetOptions {
  maxRows: number;
  /** How a header cell names its column (default: as written). */
  headerKey?: (header: string) => string;
}

/** The data rows (row = the sheet's row number) of the first worksheet; 400 for a file that is not one. */
export async function readSheet<K extends string>(
  file: ArrayBuffer,
  columns: readonly { key: K; header: string }[],
  options: SheetOptions,
): Promise<({ row: number } & Record<K, string>)[]> {
  const keyOf = options.headerKey ?? ((h: string) => h);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file);
  } catch {
    throw new ValidationError('不是有效的 .xlsx 文件 Not a valid .xlsx file');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ValidationError('文件中没有工作表 The file has no worksheet');
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => keyOf(cellText(v)));
  const index = new Map<K, number>();
  for (const col of columns) {
    const i = header.indexOf(keyOf(col.header));
    if (i < 0) throw new ValidationError(`缺少列「${col.header}」 Missing column`, { missingColumn: col.header });
    index.set(col.key, i);
  }
  const rows: ({ row: number } & Record<K, string>)[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const values = r.values as ExcelJS.CellValue[];
    const record = Object.fromEntries(columns.map((c) => [c.key, cellText(values[index.get(c.key)!] ?? null)])) as Record<K, string>;
    if (Object.values<string>(record).every((v) => v === '')) return;
    rows.push({ row: n, ...record });
  });
  if (rows.length > options.maxRows) throw new ValidationError(`一次最多导入 ${options.maxRows} 行 At most ${options.maxRows} rows per file`);
  return rows;
}
