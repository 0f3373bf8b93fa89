// The meter reader's screens (抄表): my routes, a route, one meter, and the outbox.
import type { RouteRecordRaw } from 'vue-router';

export const readingRoutes: RouteRecordRaw[] = [
  {
    path: '/reading',
    name: 'reading-routes',
    component: () => import('../views/reading/ReadingRoutesView.vue'),
    meta: { permission: 'reading:write', title: 'reading.title' },
  },
];
