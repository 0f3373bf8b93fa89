// 欠费与报表: arrears with aging, collection rate, receivables (report:read — managers), and the payment
// reminders 催缴 (charge:read — customer service, cashiers and managers, so they have routes of their own).
// The reports take their org node in the query (?nodeId=), remembered on the device otherwise.
// 线上对账 (report:read — finance) takes its day in the query (?day=, yesterday by default).
import type { RouteRecordRaw } from 'vue-router';

export const reportsRoutes: RouteRecordRaw[] = [
  {
    path: '/reports',
    name: 'reports',
    component: () => import('../views/reports/ReportsView.vue'),
    meta: { permission: 'report:read', title: 'reports.title' },
  },
  {
    path: '/reports/arrears',
    name: 'reports-arrears',
    component: () => import('../views/reports/ArrearsView.vue'),
    meta: { permission: 'report:read', title: 'reports.arrears.title' },
  },
  {
    path: '/reports/collection-rate',
    name: 'reports-collection',
    component: () => import('../views/reports/CollectionRateView.vue'),
    meta: { permission: 'report:read', title: 'reports.collection.title' },
  },
  {
    path: '/reports/receivables',
    name: 'reports-receivables',
    component: () => import('../views/reports/ReceivablesView.vue'),
    meta: { permission: 'report:read', title: 'reports.receivables.title' },
  },
  {
    path: '/reports/reconciliation',
    name: 'reports-reconciliation',
    component: () => import('../views/reports/ReconciliationView.vue'),
    meta: { permission: 'report:read', title: 'reconciliation.title' },
  },
  {
    path: '/reminders',
    name: 'reminders',
    component: () => import('../views/reports/RemindersView.vue'),
    meta: { permission: 'charge:read', title: 'reports.reminders.title' },
  },
  {
    path: '/reminders/print',
    name: 'reminders-print',
    component: () => import('../views/reports/ReminderPrintView.vue'),
    meta: { permission: 'charge:read', title: 'reports.print.title' },
  },
  {
    path: '/reminders/units/:unitId',
    name: 'reminder-unit',
    component: () => import('../views/reports/UnitRemindersView.vue'),
    props: true,
    meta: { permission: 'charge:read', title: 'reports.unit.title' },
  },
];
