// 公告 notices (issue 6): screens outside the tab bar.
import type { RouteRecordRaw } from 'vue-router';

export const noticesRoutes: RouteRecordRaw[] = [];
