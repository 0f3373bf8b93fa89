/**
 * The Hono application: middleware, the routes of every context under /api, the OpenAPI document, and
 * (in the server) the two PWAs as static files. Errors of every kind leave through one mapping below.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { type AppError, type ErrorBody, ValidationError, errorBody, fromDatabaseError, AppError as AppErrorClass } from './lib/errors';
import type { AppDeps, AppEnv } from './lib/hono';
import { authRouter } from './routes/auth/auth.routes';
import { cashierRouter } from './routes/billing/cashier.routes';
import { correctionsRouter } from './routes/billing/corrections.routes';
import { feesRouter } from './routes/billing/fees.routes';
import { reportsBillingRouter } from './routes/billing/reports.routes';
import { runsRouter } from './routes/billing/runs.routes';
import { renderDocsPage } from './routes/docs';
import { healthRouter } from './routes/health/health.routes';
import { importsRouter } from './routes/imports/imports.routes';
import { meteringRouter } from './routes/metering/metering.routes';
import { replacementsRouter } from './routes/metering/replacements.routes';
import { reportsRouter } from './routes/metering/reports.routes';
import { reviewRouter } from './routes/metering/review.routes';
import { noticesRouter } from './routes/notices/notices.routes';
import { paymentsRouter } from './routes/payments/payments.routes';
import { syncRouter } from './routes/sync/sync.routes';
import { workOrdersRouter } from './routes/work-orders/work-orders.routes';
import { orgRouter } from './routes/org/org.routes';
import { partiesRouter } from './routes/parties/parties.routes';
import { residentRouter } from './routes/resident/resident.routes';
import { staffRouter } from './routes/staff/staff.routes';
import { unitsRouter } from './routes/units/units.routes';
import { serveApp } from './static';

function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppErrorClass) return err;
  if (err instanceof HTTPException) {
    // Hono's own 4xx (malformed JSON, body too large, bad content type) keep their status.
    if (err.status === 413) return new AppErrorClass(413, 'payload_too_large', 'request body too large');
    if (err.status >= 400 && err.status < 500) return new ValidationError(err.message || 'invalid request');
  }
  return fromDatabaseError(err);
}

/** The API routes, chained so that their types form AppType for the typed client. */
function apiRoutes() {
  return new OpenAPIHono<AppEnv>()
    .route('/', healthRouter)
    .route('/', authRouter)
    .route('/', orgRouter)
    .route('/', unitsRouter)
    .route('/', partiesRouter)
    .route('/', staffRouter)
    .route('/', residentRouter)
    .route('/', importsRouter)
    .route('/', meteringRouter)
    .route('/', replacementsRouter)
    .route('/', reviewRouter)
    .route('/', reportsRouter)
    .route('/', syncRouter)
    .route('/', feesRouter)
    .route('/', runsRouter)
    .route('/', cashierRouter)
    .route('/', correctionsRouter)
    .route('/', reportsBillingRouter)
    .route('/', paymentsRouter)
    .route('/', noticesRouter)
    .route('/', workOrdersRouter);
}
export type ApiRoutes = ReturnType<typeof apiRoutes>;

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    const started = performance.now();
    await next();
    if (c.req.path.startsWith('/api/')) {
      deps.logger.info('request', {
        reqId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      xContentTypeOptions: 'nosniff',
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: false,
    }),
  );
  // API responses are never cached by browsers or proxies (the service worker never caches them either).
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  // One body limit per request, by path: files may be larger than JSON, nothing is unbounded.
  const limit = (mb: number) => bodyLimit({ maxSize: mb * 1024 * 1024, onError: (c) => c.json(errorBody('payload_too_large', `request body larger than ${mb} MB`), 413) });
  const [importLimit, photoLimit, jsonLimit] = [limit(10), limit(6), limit(1)];
  // Photos and attachments (≤ 5 MB each): sync blobs, work-order photos, notice attachments.
  const PHOTO_PATHS = /^\/api\/(sync\/blobs\/|work-order-photos\/|resident\/work-order-photos\/|notices\/[^/]+\/attachments\/)/;
  app.use('/api/*', (c, next) =>
    (c.req.path.startsWith('/api/imports/') ? importLimit : PHOTO_PATHS.test(c.req.path) ? photoLimit : jsonLimit)(c, next),
  );

  app.route('/api', apiRoutes());

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: '物业运营管理系统 API', version: '0.1.0', description: 'Property-operations API. Money and areas are decimal strings.' },
  });
  app.get('/api/docs', (c) => {
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: '物业运营管理系统 API', version: '0.1.0' } });
    return c.html(renderDocsPage(doc as unknown as Parameters<typeof renderDocsPage>[0]));
  });

  app.all('/api/*', (c) => c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404));
  if (deps.staticRoots?.staff) serveApp(app, '/staff', deps.staticRoots.staff);
  if (deps.staticRoots?.resident) serveApp(app, '/resident', deps.staticRoots.resident);
  app.get('/', (c) => c.redirect(deps.staticRoots?.staff ? '/staff/' : '/api/docs'));

  app.notFound((c) => c.json(errorBody('not_found', 'not found'), 404));
  app.onError((err, c) => {
    const appErr = toAppError(err);
    if (appErr) {
      if (appErr.status === 429 && appErr.details && typeof appErr.details === 'object' && 'retryAfterSeconds' in appErr.details) {
        c.header('Retry-After', String((appErr.details as { retryAfterSeconds: number }).retryAfterSeconds));
      }
      return c.json<ErrorBody>(errorBody(appErr.code, appErr.message, appErr.details), appErr.status);
    }
    deps.logger.error('unhandled', { reqId: c.var.requestId, path: c.req.path, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return c.json(errorBody('internal_error', 'internal error', { requestId: c.var.requestId }), 500);
  });
  return app;
}
