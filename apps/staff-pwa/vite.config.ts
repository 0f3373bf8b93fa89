import { defineAppConfig } from '@pm/web/vite';
import { defineConfig } from 'vite';

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
