// 工单: intake, dispatch board, my jobs and the pool (offline), follow-up, KPI dashboard (issue 5).
import type { RouteRecordRaw } from 'vue-router';

export const workOrdersRoutes: RouteRecordRaw[] = [];
