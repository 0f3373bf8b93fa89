/**
 * Starts the server exactly as `npm start` runs it (apps/api/dist/server.js serving the built PWAs) on a
 * free port with a fresh PGlite data folder, and stops it after the run. Its console goes to a log file
 * the specs read the residents' one-time codes from (the default code sender prints them).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    serverLog: string;
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export default async function setup(project: TestProject) {
  for (const f of ['apps/api/dist/server.js', 'apps/staff-pwa/dist/index.html', 'apps/resident-pwa/dist/index.html']) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing: build first (npm test does)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'pm-e2e-'));
  const port = await freePort();
  const log = join(dir, 'server.log');
  const out = createWriteStream(log);
  const server: ChildProcess = spawn(process.execPath, [join(root, 'apps/api/dist/server.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), SEED: 'auto', LOG_LEVEL: 'info', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.pipe(out);
  server.stderr!.pipe(out);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}; see ${log}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy; see ${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('serverLog', log);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    out.end();
    if (!process.env.KEEP_E2E_DATA) rmSync(dir, { recursive: true, force: true });
  };
}
