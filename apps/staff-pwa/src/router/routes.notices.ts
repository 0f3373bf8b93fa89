// 公告: publish notices to estates, buildings or units (issue 6).
import type { RouteRecordRaw } from 'vue-router';

export const noticesRoutes: RouteRecordRaw[] = [];
