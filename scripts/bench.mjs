// `npm run bench -- NAME`: runs bench/NAME.mjs (after install and build). Each benchmark prints
// `key: value` lines and ends with a one-line summary.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { install, root, run, runPnpm } from './lib.mjs';

const names = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.mjs') && !f.startsWith('_'))
  .map((f) => f.replace(/\.mjs$/, ''));
const [name, ...rest] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  console.error(`usage: npm run bench -- NAME   (one of: ${names.join(', ')})`);
  process.exit(2);
}
try {
  await install();
  await runPnpm(['turbo', 'run', 'build', '--filter=@pm/api', '--filter=@pm/staff-pwa', '--filter=@pm/resident-pwa', '--output-logs=errors-only']);
  await run(process.execPath, [join(root, 'bench', `${name}.mjs`), ...rest]);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
