/** .xlsx import of estates / buildings / units / owners: template, preview, commit. */
import { createRoute, z } from '@hono/zod-openapi';
import { ValidationError } from '../../lib/errors';
import { createRouter } from '../../lib/hono';
import { jsonOk } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { buildTemplate, commitImport, previewImport } from '../../services/imports';

const Summary = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  newEstates: z.number().int(),
  newBuildings: z.number().int(),
  newUnits: z.number().int(),
  newParties: z.number().int(),
});
const Row = z.object({ row: z.number().int(), errors: z.array(z.string()) }).catchall(z.unknown());
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileBody = {
  body: {
    required: true,
    content: {
      'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      [XLSX]: { schema: z.string().openapi({ format: 'binary' }) },
    },
  },
};
const tags = ['import'];
const mw = requireStaff;
const query = z.object({ officeId: z.uuid() });

const routes = {
  template: createRoute({
    method: 'get',
    path: '/imports/units/template',
    tags,
    summary: 'Download the .xlsx template',
    middleware: mw,
    responses: { 200: { description: 'xlsx file', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } } },
  }),
  preview: createRoute({
    method: 'post',
    path: '/imports/units/preview',
    tags,
    summary: 'Validate an .xlsx file: summary and per-row errors; writes nothing',
    middleware: mw,
    request: { query, ...fileBody },
    responses: jsonOk(z.object({ ok: z.boolean(), summary: Summary, rows: z.array(Row) })),
  }),
  commit: createRoute({
    method: 'post',
    path: '/imports/units/commit',
    tags,
    summary: 'Import the file in one transaction; 422 with the bad rows and nothing written if any row is bad',
    middleware: mw,
    request: { query, ...fileBody },
    responses: jsonOk(z.object({ summary: Summary })),
  }),
};

async function readFile(req: Request): Promise<ArrayBuffer> {
  const buf = await req.arrayBuffer();
  if (buf.byteLength === 0) throw new ValidationError('请上传 .xlsx 文件 Upload an .xlsx file');
  return buf;
}

export const importsRouter = createRouter()
  .openapi(routes.template, async (c) => {
    // Anyone logged in may download the empty template; importing needs import:write.
    const body = await buildTemplate();
    c.header('Content-Type', XLSX);
    c.header('Content-Disposition', `attachment; filename="units-template.xlsx"; filename*=UTF-8''${encodeURIComponent('房屋导入模板.xlsx')}`);
    return c.body(new Uint8Array(body), 200);
  })
  .openapi(routes.preview, async (c) =>
    c.json(await previewImport({ ctx: staffCtx(c), officeId: c.req.valid('query').officeId, file: await readFile(c.req.raw) }), 200),
  )
  .openapi(routes.commit, async (c) =>
    c.json(await commitImport({ ctx: staffCtx(c), officeId: c.req.valid('query').officeId, file: await readFile(c.req.raw) }), 200),
  );
