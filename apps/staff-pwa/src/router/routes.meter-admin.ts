// Meter registry, route assignment, review queue, period progress and export (managers, customer service).
// Every screen takes the estate and period in the query (?estateId=&period=), see views/meter-admin/scope.ts.
import type { RouteRecordRaw } from 'vue-router';

export const meterAdminRoutes: RouteRecordRaw[] = [
  {
    path: '/meter-admin',
    name: 'meter-admin',
    component: () => import('../views/meter-admin/MeterAdminView.vue'),
    meta: { permission: 'meter:read', title: 'meterAdmin.title' },
  },
  {
    path: '/meter-admin/review',
    name: 'meter-admin-review',
    component: () => import('../views/meter-admin/ReviewQueueView.vue'),
    meta: { permission: 'reading:review', title: 'meterAdmin.review.title' },
  },
  {
    path: '/meter-admin/progress',
    name: 'meter-admin-progress',
    component: () => import('../views/meter-admin/ProgressView.vue'),
    meta: { permission: 'meter:read', title: 'meterAdmin.progress.title' },
  },
  {
    path: '/meter-admin/meters',
    name: 'meter-admin-meters',
    component: () => import('../views/meter-admin/MetersView.vue'),
    meta: { permission: 'meter:read', title: 'meterAdmin.meters.title' },
  },
  {
    path: '/meter-admin/meters/new',
    name: 'meter-admin-meter-new',
    component: () => import('../views/meter-admin/MeterCreateView.vue'),
    meta: { permission: 'meter:write', title: 'meterAdmin.create.title' },
  },
  {
    path: '/meter-admin/meters/:meterId',
    name: 'meter-admin-meter',
    component: () => import('../views/meter-admin/MeterDetailView.vue'),
    props: true,
    meta: { permission: 'meter:read', title: 'meterAdmin.meter.title' },
  },
  {
    path: '/meter-admin/meters/:meterId/replace',
    name: 'meter-admin-meter-replace',
    component: () => import('../views/meter-admin/MeterReplaceView.vue'),
    props: true,
    meta: { permission: 'meter:write', title: 'meterAdmin.replace.title' },
  },
  {
    path: '/meter-admin/routes',
    name: 'meter-admin-routes',
    component: () => import('../views/meter-admin/RoutesView.vue'),
    meta: { permission: 'meter:read', title: 'meterAdmin.routes.title' },
  },
  {
    path: '/meter-admin/routes/new',
    name: 'meter-admin-route-new',
    component: () => import('../views/meter-admin/RouteAssignView.vue'),
    meta: { permission: 'meter:write', title: 'meterAdmin.routes.assignTitle' },
  },
];
