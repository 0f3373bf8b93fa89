// `npm run seed [-- --units N]`: seeds the demo company into an empty database and optionally a large
// estate of N units for benchmarks (PGlite in ./data, or DATABASE_URL).
import { join } from 'node:path';
import { install, root, run, runPnpm } from './lib.mjs';

try {
  await install();
  await runPnpm(['turbo', 'run', 'build', '--filter=@pm/api', '--output-logs=errors-only']);
  await run(process.execPath, [join(root, 'apps/api/dist/seed.js'), ...process.argv.slice(2)], {
    env: { DATA_DIR: process.env.DATA_DIR ?? join(root, 'data') },
  });
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
