import { defineConfig } from 'vitest/config';
import { reporters } from '../../vitest.shared.mjs';

// Every API suite runs on embedded PGlite, and again on a real PostgreSQL server when TEST_DATABASE_URL
// is set (CI sets it). Each suite gets its own fresh, migrated and seeded database (test/db.ts).
const projects = [{ extends: true as const, test: { name: 'pglite', env: { TEST_DB: 'pglite' } } }];
if (process.env.TEST_DATABASE_URL) projects.push({ extends: true as const, test: { name: 'postgres', env: { TEST_DB: 'postgres' } } });

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    projects,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: reporters('api'),
  },
});
