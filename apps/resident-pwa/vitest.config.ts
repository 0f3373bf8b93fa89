import { VantResolver } from '@vant/auto-import-resolver';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { fileURLToPath } from 'node:url';
import { reporters } from '../../vitest.shared.mjs';
import { defineConfig } from 'vitest/config';

// The app's Vue + Vant setup without the PWA plugin (no service worker in happy-dom). Only `fetch` is mocked.
export default defineConfig({
  plugins: [vue(), Components({ resolvers: [VantResolver({ importStyle: false })], dts: false })],
  resolve: {
    alias: { 'virtual:pwa-register/vue': fileURLToPath(new URL('./src/test/pwa-register-stub.ts', import.meta.url)) },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['../../packages/web/src/vitest-setup.ts'],
    reporters: reporters('resident-pwa'),
    restoreMocks: true,
    // The view tests mount the whole app; compiling its lazy routes on a busy CI machine takes a while.
    testTimeout: 20_000,
    unstubGlobals: true,
  },
});
