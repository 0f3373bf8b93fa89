/**
 * `npm run seed` — seeds the demo company into an empty database; `npm run seed -- --units 100000` also
 * adds a large estate of that many units (for benchmarks). Uses DATABASE_URL or the PGlite in DATA_DIR.
 */
import { resolve } from 'node:path';
import { openDatabase } from '../db';
import { refreshStatistics } from '../db/maintenance';
import { loadEnv } from '../env';
import { MIGRATIONS_DIR } from '../paths';
import { isEmpty, seedDemo } from './demo';
import { seedLargeEstate } from './large';

const args = process.argv.slice(2);
const unitsArg = args.indexOf('--units');
const units = unitsArg >= 0 ? Number(args[unitsArg + 1]) : 0;
if (unitsArg >= 0 && (!Number.isInteger(units) || units <= 0 || units > 2_000_000)) {
  console.error('--units needs a whole number between 1 and 2000000');
  process.exit(2);
}

const env = loadEnv();
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : resolve(env.DATA_DIR) });
await database.migrate(MIGRATIONS_DIR);
if (await isEmpty(database.db)) {
  const t = Date.now();
  console.log('demo:', JSON.stringify(await seedDemo(database.db)), `${Date.now() - t} ms`);
}
if (units > 0) {
  const t = Date.now();
  const result = await seedLargeEstate(database.db, units);
  const ms = Date.now() - t;
  console.log(`large estate: ${JSON.stringify(result)}`);
  console.log(`seed_units: ${units}`);
  console.log(`seed_ms: ${ms}`);
  console.log(`seed_units_per_s: ${Math.round((units / ms) * 1000)}`);
}
await refreshStatistics(database.db);
await database.close();
