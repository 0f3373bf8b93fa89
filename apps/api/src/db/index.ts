/**
 * The database handle. PostgreSQL through postgres.js when a URL is given; otherwise embedded PGlite
 * (PostgreSQL compiled to WASM) in a data folder, so `npm start` needs no server. Both speak the same SQL
 * and run the same migrations; code above this file never knows which one it has.
 */
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';

export { schema };
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance, when embedded (tests snapshot it with dumpDataDir). */
  pglite?: PGlite;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent PGlite is used. */
  url?: string;
  /** PGlite data folder; absent means in memory. */
  dataDir?: string;
  /** A PGlite data-dir tarball to start from (tests: a migrated snapshot). */
  loadDataDir?: Blob;
  /** postgres.js pool size. */
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const client = postgres(opts.url, {
      max: opts.poolSize ?? 10,
      onnotice: () => {},
      // numeric and dates stay strings: money is never a JS number.
      types: {},
    });
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      migrate: async (folder) => {
        await migratePostgres(drizzlePostgres({ client, schema }), { migrationsFolder: folder });
      },
      close: async () => {
        await client.end({ timeout: 5 });
      },
    };
  }
  const pglite = new PGlite({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
  await pglite.waitReady;
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite,
    migrate: async (folder) => {
      await migratePglite(drizzlePglite({ client: pglite, schema }), { migrationsFolder: folder });
    },
    close: async () => {
      await pglite.close();
    },
  };
}
