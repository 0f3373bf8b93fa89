import { defineConfig } from 'vitest/config';
import { reporters } from '../vitest.shared.mjs';

// Browser tests: one server (the built `npm start` server on a fresh PGlite) for the whole run, started in
// global-setup.ts; specs run one after another (2 cores: Chromium and the server need them both).
export default defineConfig({
  test: {
    include: ['specs/**/*.spec.ts'],
    globalSetup: ['./global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: reporters('e2e'),
  },
});
