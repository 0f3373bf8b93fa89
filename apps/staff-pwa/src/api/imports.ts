// Bulk import of estates, buildings, units and owners from an .xlsx sheet: preview, then commit.
import { api, ok } from './client';

/** The template is a plain download; the browser sends the session cookie with the link. */
export const UNIT_IMPORT_TEMPLATE_URL = '/api/imports/units/template';

/** The file bytes are the request body, as application/octet-stream. */
const upload = (bytes: ArrayBuffer) => ({ init: { body: bytes, headers: { 'Content-Type': 'application/octet-stream' } } });

export const previewUnitImport = (officeId: string, bytes: ArrayBuffer) =>
  ok(api.imports.units.preview.$post({ query: { officeId } }, upload(bytes)));

export const commitUnitImport = (officeId: string, bytes: ArrayBuffer) =>
  ok(api.imports.units.commit.$post({ query: { officeId } }, upload(bytes)));
