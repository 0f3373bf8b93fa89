import { reporters } from '../../vitest.shared.mjs';
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.test.ts'],
      setupFiles: ['../../packages/web/src/vitest-setup.ts'],
    reporters: reporters('staff-pwa'),
      restoreMocks: true,
      unstubGlobals: true,
      // Component tests mount screens whose lazy routes compile on first use; give a busy CI machine time.
      testTimeout: 20_000,
      // Vant's ES build imports its CSS; let Vite process it instead of Node.
      server: { deps: { inline: ['vant', '@pm/web'] } },
    },
  }),
);
