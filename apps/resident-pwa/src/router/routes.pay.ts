// 缴费 bills, payment, prepayment and e-receipts (issue 6): screens outside the tab bar. The 缴费 tab itself
// (views/BillsView.vue) is the `bills` route in ./index.ts.
import type { RouteRecordRaw } from 'vue-router';

export const payRoutes: RouteRecordRaw[] = [
  {
    // Where the provider sends the browser back: `?order=<payment order id>`.
    path: '/pay/result',
    name: 'pay-result',
    component: () => import('../views/pay/PayResultView.vue'),
    meta: { title: 'pay.titles.result' },
  },
  {
    path: '/pay/receipts/:receiptId',
    name: 'pay-receipt',
    component: () => import('../views/pay/PayReceiptView.vue'),
    props: true,
    meta: { title: 'pay.titles.receipt' },
  },
  {
    path: '/pay/history',
    name: 'pay-history',
    component: () => import('../views/pay/PayHistoryView.vue'),
    meta: { title: 'pay.titles.history' },
  },
];
