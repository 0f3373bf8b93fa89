// 公告 notices (issue 6): the list (社区通知, reached from 首页) and one notice, outside the tab bar.
import type { RouteRecordRaw } from 'vue-router';

export const noticesRoutes: RouteRecordRaw[] = [
  { path: '/notices', name: 'notices', component: () => import('../views/notices/NoticesView.vue'), meta: { title: 'titles.notices' } },
  {
    path: '/notices/:id',
    name: 'notice',
    component: () => import('../views/notices/NoticeView.vue'),
    props: true,
    meta: { title: 'notices.detailTitle' },
  },
];
