// 公告: publish notices to estates, buildings or units (issue 6). Reading needs estate:read (published
// ones only, unless the user also writes notices); writing needs notice:write (customer service, managers).
import type { RouteRecordRaw } from 'vue-router';

export const noticesRoutes: RouteRecordRaw[] = [
  {
    path: '/notices',
    name: 'notices',
    component: () => import('../views/notices/NoticesView.vue'),
    meta: { permission: 'estate:read', title: 'notices.title' },
  },
  {
    path: '/notices/new',
    name: 'notice-new',
    component: () => import('../views/notices/NoticeEditView.vue'),
    meta: { permission: 'notice:write', title: 'notices.edit.newTitle' },
  },
  {
    path: '/notices/:id',
    name: 'notice',
    component: () => import('../views/notices/NoticeDetailView.vue'),
    props: true,
    meta: { permission: 'estate:read', title: 'notices.detail.title' },
  },
  {
    path: '/notices/:id/edit',
    name: 'notice-edit',
    component: () => import('../views/notices/NoticeEditView.vue'),
    props: true,
    meta: { permission: 'notice:write', title: 'notices.edit.editTitle' },
  },
];
