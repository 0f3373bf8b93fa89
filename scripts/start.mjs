// `npm start`: install (pnpm via corepack), build everything that changed, then run the one server that
// holds the API and both PWAs. The embedded database lives in ./data unless DATABASE_URL is set.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { install, root, runPnpm } from './lib.mjs';

try {
  await install();
  await runPnpm(['turbo', 'run', 'build', '--filter=@pm/api', '--filter=@pm/staff-pwa', '--filter=@pm/resident-pwa', '--output-logs=errors-only']);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}

const server = spawn(process.execPath, ['--enable-source-maps', join(root, 'apps/api/dist/server.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATA_DIR: process.env.DATA_DIR ?? join(root, 'data') },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
