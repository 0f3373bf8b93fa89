// `npm run bench -- seed [--units N] [--pg]`: how long the seed CLI takes to write a large estate of N units
// (default 100,000: units, owners, occupancies) into a fresh PGlite data folder, and with --pg (or
// BENCH_PG=1) also into a fresh PostgreSQL database (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres).
import { parseArgs } from 'node:util';
import { BenchError, createPgDatabase, main, out, runSeed, SEED_JS, requireBuilt, tempDir } from './_lib.mjs';

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '100000' },
    pg: { type: 'boolean', default: false },
    'timeout-s': { type: 'string', default: '900' },
  },
});
const units = Number(values.units);
const withPg = values.pg || process.env.BENCH_PG === '1';
const timeoutMs = Number(values['timeout-s']) * 1000;

await main(async () => {
  if (!Number.isInteger(units) || units <= 0 || units > 2_000_000) throw new BenchError('--units needs a whole number between 1 and 2000000');
  requireBuilt(SEED_JS);
  out('seed_units', units);

  // Create the PostgreSQL database first, so a server that is not there fails the run at once.
  const pgDb = withPg ? await createPgDatabase() : undefined;
  const dataDir = await tempDir('pm-bench-seed-');
  const lite = await runSeed({ units, db: { dataDir }, timeoutMs, label: 'seed into PGlite' });
  out('seed_ms_pglite', lite.seedMs);
  out('units_per_s_pglite', lite.unitsPerS);
  out('process_ms_pglite', lite.wallMs);

  let pg;
  if (pgDb) {
    pg = await runSeed({ units, db: { url: pgDb.url }, timeoutMs, label: 'seed into PostgreSQL' });
    out('seed_ms_pg', pg.seedMs);
    out('units_per_s_pg', pg.unitsPerS);
    out('process_ms_pg', pg.wallMs);
  }

  const fmt = (r) => `${(r.seedMs / 1000).toFixed(1)} s (${r.unitsPerS} units/s)`;
  console.log(`seed: ${units} units — PGlite ${fmt(lite)}${pg ? `, PostgreSQL ${fmt(pg)}` : ''}`);
});
