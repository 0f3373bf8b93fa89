// `node scripts/pnpm.mjs ARGS` runs the pinned pnpm (see lib.mjs) with ARGS.
import { runPnpm } from './lib.mjs';

runPnpm(process.argv.slice(2)).catch((e) => {
  console.error(e.message);
  process.exit(1);
});
