// Billing 收费: the cashier's counter and the manager's fee standards and billing runs.
import type { RouteRecordRaw } from 'vue-router';

export const billingRoutes: RouteRecordRaw[] = [
  {
    path: '/cashier',
    name: 'cashier',
    component: () => import('../views/cashier/CashierView.vue'),
    meta: { permission: 'payment:collect', title: 'billing.cashierTitle' },
  },
  {
    path: '/billing',
    name: 'billing',
    component: () => import('../views/billing/BillingView.vue'),
    meta: { permission: 'fee:write', title: 'billing.title' },
  },
];
