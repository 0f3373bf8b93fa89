// 报修/投诉 repairs and complaints, timeline, survey (issue 5): screens outside the tab bar.
import type { RouteRecordRaw } from 'vue-router';

export const repairsRoutes: RouteRecordRaw[] = [];
