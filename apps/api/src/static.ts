/**
 * Serves a built PWA under a path prefix: hashed assets cached for a year, the service worker and the
 * HTML never cached (so updates are seen), and every unknown path inside the app answered with its
 * index.html (client-side routing).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './lib/hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function serveApp(app: OpenAPIHono<AppEnv>, prefix: string, root: string) {
  const rootDir = normalize(root);
  app.get(prefix, (c) => c.redirect(`${prefix}/`, 301));
  app.get(`${prefix}/*`, async (c) => {
    const rel = decodeURIComponent(c.req.path.slice(prefix.length + 1));
    const target = normalize(join(rootDir, rel));
    if (!target.startsWith(rootDir + sep) && target !== rootDir) return c.notFound();
    let file = target;
    let isFile = false;
    try {
      isFile = (await stat(target)).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) {
      // A missing asset is a 404; any other path is a client-side route: serve the shell.
      if (extname(rel) && extname(rel) !== '.html') return c.notFound();
      file = join(rootDir, 'index.html');
    }
    const body = await readFile(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const immutable = file.includes(`${sep}assets${sep}`);
    c.header('Content-Type', type);
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (file.endsWith('sw.js')) c.header('Service-Worker-Allowed', `${prefix}/`);
    return c.body(new Uint8Array(body));
  });
}
