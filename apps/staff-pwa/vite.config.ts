// The shared config factory is `@pm/web/vite` (packages/web/src/vite.ts). It is imported by relative
// path because Vite's default config loader externalises every bare import and Node 20 cannot load the
// package's .ts source (`npx vite build` → ERR_UNKNOWN_FILE_EXTENSION); a relative import gets bundled.
// Switch back to `from '@pm/web/vite'` once packages/web ships that entry as JavaScript.
import { defineConfig } from 'vite';
import { defineAppConfig } from '../../packages/web/src/vite';

export default defineConfig(
  defineAppConfig({
    base: '/staff/',
    name: '物业运营 · 员工端',
    shortName: '物业员工',
    description: '物业员工工作台：房产与住户、抄表、工单、收费。Staff app for property operations.',
    themeColor: '#1989fa',
    devPort: 5173,
  }),
);
