// 缴费 bills, payment, prepayment and e-receipts (issue 6): screens outside the tab bar.
import type { RouteRecordRaw } from 'vue-router';

export const payRoutes: RouteRecordRaw[] = [];
