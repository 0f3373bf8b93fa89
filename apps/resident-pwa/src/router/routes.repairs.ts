// 报修/投诉 repairs and complaints, timeline, survey (issue 5): screens outside the tab bar.
// `/repairs/new` and `/repairs/notifications` are static paths, so vue-router ranks them above `/repairs/:id`.
import type { RouteRecordRaw } from 'vue-router';

export const repairsRoutes: RouteRecordRaw[] = [
  {
    path: '/repairs/new',
    name: 'work-order-new',
    component: () => import('../views/repairs/FileWorkOrderView.vue'),
    meta: { title: 'workOrders.titles.new' },
  },
  {
    path: '/repairs/notifications',
    name: 'work-order-notifications',
    component: () => import('../views/repairs/NotificationsView.vue'),
    meta: { title: 'workOrders.titles.notifications' },
  },
  {
    path: '/repairs/:id',
    name: 'work-order',
    component: () => import('../views/repairs/WorkOrderDetailView.vue'),
    props: true,
    meta: { title: 'workOrders.titles.detail' },
  },
];
