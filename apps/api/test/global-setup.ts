/**
 * Runs once per test run: migrates and seeds one database per engine and keeps it as a snapshot, so each
 * suite starts from a copy in milliseconds instead of paying for initdb, migrations and the seed again.
 * - PGlite: a dumpDataDir tarball in a temp folder.
 * - PostgreSQL: a template database; suites CREATE DATABASE … TEMPLATE it and drop their copy after.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db';
import { MIGRATIONS_DIR } from '../src/paths';
import { seedDemo } from '../src/seed/demo';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgTemplate: string;
  }
}

export function adminUrl(url: string, database = 'postgres') {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'pm-test-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];

  const lite = await openDatabase({});
  await lite.migrate(MIGRATIONS_DIR);
  await seedDemo(lite.db);
  const dump = await lite.pglite!.dumpDataDir('none');
  const snapshot = join(dir, 'seeded.tar');
  writeFileSync(snapshot, new Uint8Array(await dump.arrayBuffer()));
  await lite.close();
  project.provide('pgliteSnapshot', snapshot);

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `pm_tmpl_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${template}`);
    const pg = await openDatabase({ url: adminUrl(url, template), poolSize: 2 });
    await pg.migrate(MIGRATIONS_DIR);
    await seedDemo(pg.db);
    await pg.close();
    project.provide('pgTemplate', template);
    cleanups.push(async () => {
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.end();
    });
  } else {
    project.provide('pgTemplate', '');
  }

  return async () => {
    for (const c of cleanups.reverse()) await c();
  };
}
