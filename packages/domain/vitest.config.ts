import { reporters } from '../../vitest.shared.mjs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    reporters: reporters('domain'),
  },
});
