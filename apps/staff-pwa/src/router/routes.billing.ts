// Billing 收费: the cashier's counter and the manager's fee standards and billing runs.
// The cashier screens take the estate in the query (?estateId=), remembered on the device otherwise.
import type { RouteRecordRaw } from 'vue-router';

export const billingRoutes: RouteRecordRaw[] = [
  {
    path: '/cashier',
    name: 'cashier',
    component: () => import('../views/cashier/CashierView.vue'),
    meta: { permission: 'payment:collect', title: 'billing.cashierTitle' },
  },
  {
    path: '/cashier/units/:unitId',
    name: 'cashier-account',
    component: () => import('../views/cashier/CashierAccountView.vue'),
    props: true,
    meta: { permission: 'payment:collect', title: 'billing.account.title' },
  },
  {
    path: '/cashier/receipts/:receiptId',
    name: 'cashier-receipt',
    component: () => import('../views/cashier/CashierReceiptView.vue'),
    props: true,
    meta: { permission: 'charge:read', title: 'billing.receipt.title' },
  },
  {
    path: '/cashier/day',
    name: 'cashier-day',
    component: () => import('../views/cashier/CashierDayView.vue'),
    meta: { permission: 'payment:collect', title: 'billing.day.title' },
  },
  {
    path: '/billing',
    name: 'billing',
    component: () => import('../views/billing/BillingView.vue'),
    meta: { permission: 'fee:write', title: 'billing.title' },
  },
  {
    path: '/billing/standards/new',
    name: 'billing-standard-new',
    component: () => import('../views/billing/StandardCreateView.vue'),
    meta: { permission: 'fee:write', title: 'billing.standardForm.title' },
  },
];
