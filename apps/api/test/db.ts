/** A fresh database for one test suite: a copy of the migrated + seeded snapshot, on the engine under test. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../src/db';
import { adminUrl } from './global-setup';

export const engine = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

export async function freshDatabase(): Promise<Database> {
  if (engine === 'pglite') {
    const snapshot = readFileSync(inject('pgliteSnapshot'));
    return openDatabase({ loadDataDir: new Blob([snapshot]) });
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `pm_test_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${inject('pgTemplate')}`);
  const db = await openDatabase({ url: adminUrl(url, name), poolSize: 5 });
  return {
    ...db,
    close: async () => {
      await db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
