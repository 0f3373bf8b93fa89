/** An .xlsx download at the edge: the OpenAPI response and the headers (a UTF-8 file name with an ASCII fallback). */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { XlsxFile } from '../services/billing/reports/export';
import type { AppEnv } from './hono';
import { errorResponses } from './schemas';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const xlsxResponse = { 200: { description: 'xlsx file', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses };

export function sendXlsx(c: Context<AppEnv>, file: XlsxFile) {
  c.header('Content-Type', XLSX);
  c.header('Content-Disposition', `attachment; filename="${file.asciiFilename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  return c.body(file.bytes, 200);
}
