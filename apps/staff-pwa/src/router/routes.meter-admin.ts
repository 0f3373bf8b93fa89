// Meter registry, route assignment, review queue, period progress and export (managers, customer service).
import type { RouteRecordRaw } from 'vue-router';

export const meterAdminRoutes: RouteRecordRaw[] = [
  {
    path: '/meter-admin',
    name: 'meter-admin',
    component: () => import('../views/meter-admin/MeterAdminView.vue'),
    meta: { permission: 'meter:read', title: 'meterAdmin.title' },
  },
];
