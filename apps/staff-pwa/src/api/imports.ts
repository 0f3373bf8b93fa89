// Bulk import of estates, buildings, units and owners from an .xlsx sheet: preview, then commit.
import { post } from './http';
import type { ImportPreview, ImportSummary } from './types';

/** The template is a plain download; the browser sends the session cookie with the link. */
export const UNIT_IMPORT_TEMPLATE_URL = '/api/imports/units/template';

export const previewUnitImport = (officeId: string, bytes: ArrayBuffer) =>
  post<ImportPreview>('/api/imports/units/preview', bytes, { officeId });

export const commitUnitImport = (officeId: string, bytes: ArrayBuffer) =>
  post<{ summary: ImportSummary }>('/api/imports/units/commit', bytes, { officeId });
