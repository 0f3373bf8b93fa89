// 工单: intake, dispatch board, my jobs and the pool (offline), follow-up, KPI dashboard (issue 5).
import type { RouteRecordRaw } from 'vue-router';

// ---- technicians: my jobs and the pool, a job, the sync log -------------------------------------------
// All of them work from IndexedDB, so they open with no signal once the jobs were downloaded.
export const techRoutes: RouteRecordRaw[] = [
  {
    path: '/work-orders/tech',
    name: 'wo-my-jobs',
    component: () => import('../views/work-orders/tech/MyJobsView.vue'),
    meta: { permission: 'work_order:work', title: 'workOrders.tech.title' },
  },
  {
    path: '/work-orders/tech/sync-log',
    name: 'wo-tech-sync-log',
    component: () => import('../views/work-orders/tech/TechSyncLogView.vue'),
    meta: { permission: 'work_order:work', title: 'workOrders.tech.log.title' },
  },
  {
    path: '/work-orders/tech/jobs/:workOrderId',
    name: 'wo-job',
    component: () => import('../views/work-orders/tech/JobDetailView.vue'),
    props: true,
    meta: { permission: 'work_order:work', title: 'workOrders.tech.title' },
  },
];

// ---- customer service and managers: the dispatch board, an order, intake, settings, the KPI dashboard ----
// Online screens. The board, intake and settings take the estate in the query (?estateId=, remembered);
// the KPIs take the report node, range and grouping (?nodeId=&from=&to=&groupBy=). The order's id is a
// uuid, so `/work-orders/<uuid>` never shadows a fixed path of this family.
export const csRoutes: RouteRecordRaw[] = [
  {
    path: '/work-orders/board',
    name: 'wo-board',
    component: () => import('../views/work-orders/cs/DispatchBoardView.vue'),
    meta: { permission: 'work_order:dispatch', title: 'workOrders.cs.board.title' },
  },
  {
    path: '/work-orders/new',
    name: 'wo-new',
    component: () => import('../views/work-orders/cs/IntakeView.vue'),
    meta: { permission: 'work_order:dispatch', title: 'workOrders.cs.intake.title' },
  },
  {
    path: '/work-orders/settings',
    name: 'wo-settings',
    component: () => import('../views/work-orders/cs/SettingsView.vue'),
    meta: { permission: 'work_order:config', title: 'workOrders.cs.settings.title' },
  },
  {
    path: '/work-orders/kpi',
    name: 'wo-kpi',
    // ECharts comes with this route's chunk (and only when its chart mounts), never with the first screen.
    component: () => import('../views/work-orders/kpi/KpiDashboardView.vue'),
    meta: { permission: 'report:read', title: 'workOrders.kpi.title' },
  },
  {
    path: '/work-orders/:workOrderId([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})',
    name: 'wo-detail',
    component: () => import('../views/work-orders/cs/WorkOrderDetailView.vue'),
    props: true,
    meta: { permission: 'work_order:read', title: 'workOrders.cs.detail.title' },
  },
];

export const workOrdersRoutes: RouteRecordRaw[] = [...techRoutes, ...csRoutes];
