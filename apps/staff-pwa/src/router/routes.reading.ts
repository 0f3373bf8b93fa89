// The meter reader's screens (抄表): my routes, a route, one meter, and the outbox. All of them work from
// IndexedDB, so they open with no signal once the routes were downloaded.
import type { RouteRecordRaw } from 'vue-router';

export const readingRoutes: RouteRecordRaw[] = [
  {
    path: '/reading',
    name: 'reading-routes',
    component: () => import('../views/reading/ReadingRoutesView.vue'),
    meta: { permission: 'reading:write', title: 'reading.title' },
  },
  {
    path: '/reading/outbox',
    name: 'reading-outbox',
    component: () => import('../views/reading/ReadingOutboxView.vue'),
    meta: { permission: 'reading:write', title: 'reading.outboxView.title' },
  },
  {
    path: '/reading/routes/:routeId',
    name: 'reading-route',
    component: () => import('../views/reading/ReadingRouteView.vue'),
    props: true,
    meta: { permission: 'reading:write', title: 'reading.title' },
  },
  {
    path: '/reading/routes/:routeId/meters/:meterId',
    name: 'reading-meter',
    component: () => import('../views/reading/MeterReadView.vue'),
    props: true,
    meta: { permission: 'reading:write', title: 'reading.title' },
  },
];
