// The baseline for bench/api-load.mjs: a bare Hono app on @hono/node-server (the same packages and versions
// the API uses, loaded from apps/api/node_modules) with one JSON route and no middleware, database or auth.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'api', 'package.json'));
const { Hono } = require('hono');
const { serve } = require('@hono/node-server');

const app = new Hono();
app.get('/api/bare', (c) => c.json({ status: 'ok' }));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: process.env.HOST ?? '127.0.0.1' });
const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections?.();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
