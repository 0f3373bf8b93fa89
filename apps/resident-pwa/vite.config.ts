// The shared config factory is `@pm/web/vite` (packages/web/src/vite.ts). It is imported by relative
// path because Vite's default config loader externalises every bare import and Node 20 cannot load the
// package's .ts source (`npx vite build` → ERR_UNKNOWN_FILE_EXTENSION); a relative import gets bundled.
// Switch back to `from '@pm/web/vite'` once packages/web ships that entry as JavaScript.
import { defineConfig } from 'vite';
import { defineAppConfig } from '../../packages/web/src/vite.ts';

export default defineConfig(
  defineAppConfig({
    base: '/resident/',
    name: '物业服务 · 业主端',
    shortName: '物业服务',
    description: '业主与租户的物业服务：查看房屋、缴费、报修投诉、社区通知。',
    themeColor: '#07c160',
    devPort: 5174,
  }),
);
