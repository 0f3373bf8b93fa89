// 账务调整: adjustments, discounts, refunds, approvals, late fees, opening balances.
// The estate travels in the query (?estateId=), remembered on the device with 收费管理's otherwise.
// Approvals need ledger:approve or ledger:adjust; meta takes one, so the screen asks for ledger:adjust and
// shows approve/reject only to those holding ledger:approve (the API checks it again).
import type { RouteRecordRaw } from 'vue-router';

export const ledgerRoutes: RouteRecordRaw[] = [
  {
    path: '/ledger',
    name: 'ledger',
    component: () => import('../views/ledger/LedgerView.vue'),
    meta: { permission: 'ledger:adjust', title: 'ledger.title' },
  },
  {
    path: '/ledger/units/:unitId',
    name: 'ledger-unit',
    component: () => import('../views/ledger/UnitCorrectionsView.vue'),
    props: true,
    meta: { permission: 'ledger:adjust', title: 'ledger.unit.title' },
  },
  {
    path: '/ledger/approvals',
    name: 'ledger-approvals',
    component: () => import('../views/ledger/ApprovalsView.vue'),
    meta: { permission: 'ledger:adjust', title: 'ledger.approvals.title' },
  },
  {
    path: '/ledger/late-fees',
    name: 'ledger-late-fees',
    component: () => import('../views/ledger/LateFeesView.vue'),
    meta: { permission: 'billing:run', title: 'ledger.lateFees.title' },
  },
  {
    path: '/ledger/opening-balances',
    name: 'ledger-opening',
    component: () => import('../views/ledger/OpeningImportView.vue'),
    meta: { permission: 'billing:run', title: 'ledger.opening.title' },
  },
];
