/** Builds import workbooks in tests with the same column headers as the real template. */
import ExcelJS from 'exceljs';
import { TEMPLATE_COLUMNS } from '../src/services/imports';

export async function buildTemplateWorkbook(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('房屋导入');
  ws.addRow(TEMPLATE_COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
