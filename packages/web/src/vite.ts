/**
 * One Vite + PWA configuration for both apps (the vben pattern): each app's vite.config.ts only says its
 * name, base path, colours and icons. Keeping this in one place keeps the two service workers' caching
 * rules identical — above all, that API calls are never served from the service-worker cache.
 */
import vue from '@vitejs/plugin-vue';
import { VantResolver } from '@vant/auto-import-resolver';
import Components from 'unplugin-vue-components/vite';
import type { UserConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export interface AppOptions {
  /** URL path the app is served under, e.g. '/staff/'. */
  base: string;
  name: string;
  shortName: string;
  description: string;
  themeColor: string;
  backgroundColor?: string;
  /** The dev server's port; the API runs on 3000 and is proxied. */
  devPort: number;
}

export function defineAppConfig(opts: AppOptions): UserConfig {
  return {
    base: opts.base,
    // vue-i18n's bundler build reads these flags; composition API only, no devtools in production.
    define: {
      __VUE_I18N_FULL_INSTALL__: true,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
    },
    plugins: [
      vue(),
      // Vant components imported per component (tree-shaken), with their CSS.
      Components({ resolvers: [VantResolver()], dts: false }),
      VitePWA({
        // A prompt, never an auto-reload: a reload could throw away a form being filled in.
        registerType: 'prompt',
        injectRegister: false,
        scope: opts.base,
        base: opts.base,
        includeAssets: ['favicon.svg'],
        manifest: {
          name: opts.name,
          short_name: opts.shortName,
          description: opts.description,
          lang: 'zh-CN',
          start_url: opts.base,
          scope: opts.base,
          display: 'standalone',
          orientation: 'portrait',
          theme_color: opts.themeColor,
          background_color: opts.backgroundColor ?? '#ffffff',
          icons: [
            { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
            { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
            { src: 'icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          ],
        },
        workbox: {
          // Precache the shell (every built asset), so the app opens offline after one online visit.
          globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
          navigateFallback: `${opts.base}index.html`,
          // Navigation fallback must never answer API URLs: they always go to the network.
          navigateFallbackDenylist: [/^\/api\//],
          cleanupOutdatedCaches: true,
          // No runtimeCaching for /api: the data layer (IndexedDB) owns offline data, not the SW.
          runtimeCaching: [],
        },
      }),
    ],
    build: {
      target: 'es2020',
      sourcemap: false,
      chunkSizeWarningLimit: 600,
    },
    server: {
      port: opts.devPort,
      proxy: { '/api': 'http://127.0.0.1:3000' },
    },
  };
}
