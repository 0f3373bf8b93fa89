import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.test.ts'],
      restoreMocks: true,
      unstubGlobals: true,
      // Vant's ES build imports its CSS; let Vite process it instead of Node.
      server: { deps: { inline: ['vant', '@pm/web'] } },
    },
  }),
);
