/**
 * Every screen is a lazy route, so the first route only loads the shell. Later issues add their screens
 * here (meter reading, work orders, billing) with a `permission` in meta, and a tile in ../lib/tiles.ts.
 */
import type { Permission } from '@pm/domain';
import type { RouteRecordRaw } from 'vue-router';
import { billingRoutes } from './routes.billing';
import { ledgerRoutes } from './routes.ledger';
import { meterAdminRoutes } from './routes.meter-admin';
import { noticesRoutes } from './routes.notices';
import { readingRoutes } from './routes.reading';
import { reportsRoutes } from './routes.reports';
import { workOrdersRoutes } from './routes.work-orders';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the login screen). */
    public?: boolean;
    /** The permission the screen needs; without it the user sees the "no access" screen. */
    permission?: Permission;
    /** i18n key of the page title (document.title). */
    title?: string;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue'), meta: { public: true, title: 'login.title' } },
  {
    path: '/',
    component: () => import('../layouts/TabLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('../views/HomeView.vue'), meta: { title: 'tabs.home' } },
      {
        path: 'property',
        name: 'estates',
        component: () => import('../views/property/EstatesView.vue'),
        meta: { permission: 'unit:read', title: 'tabs.property' },
      },
      { path: 'me', name: 'me', component: () => import('../views/MeView.vue'), meta: { title: 'tabs.me' } },
    ],
  },
  {
    path: '/property/estates/:estateId',
    name: 'estate',
    component: () => import('../views/property/EstateView.vue'),
    props: true,
    meta: { permission: 'unit:read', title: 'property.estate' },
  },
  {
    path: '/property/buildings/:buildingId',
    name: 'building',
    component: () => import('../views/property/BuildingView.vue'),
    props: true,
    meta: { permission: 'unit:read', title: 'property.building' },
  },
  {
    path: '/units/search',
    name: 'unit-search',
    component: () => import('../views/property/UnitSearchView.vue'),
    meta: { permission: 'unit:read', title: 'unitSearch.title' },
  },
  {
    path: '/units/:unitId',
    name: 'unit',
    component: () => import('../views/property/UnitView.vue'),
    props: true,
    meta: { permission: 'unit:read', title: 'unit.title' },
  },
  {
    path: '/units/:unitId/edit',
    name: 'unit-edit',
    component: () => import('../views/property/UnitEditView.vue'),
    props: true,
    meta: { permission: 'unit:write', title: 'unitEdit.title' },
  },
  {
    path: '/units/:unitId/occupants/new',
    name: 'occupant-new',
    component: () => import('../views/property/OccupantAddView.vue'),
    props: true,
    meta: { permission: 'occupancy:write', title: 'occupantAdd.title' },
  },
  {
    path: '/staff',
    name: 'staff',
    component: () => import('../views/staff/StaffListView.vue'),
    meta: { permission: 'staff:read', title: 'staff.title' },
  },
  {
    path: '/staff/new',
    name: 'staff-new',
    component: () => import('../views/staff/StaffCreateView.vue'),
    meta: { permission: 'staff:write', title: 'staffCreate.title' },
  },
  {
    path: '/staff/:staffId',
    name: 'staff-detail',
    component: () => import('../views/staff/StaffDetailView.vue'),
    props: true,
    meta: { permission: 'staff:read', title: 'staffDetail.title' },
  },
  {
    path: '/import',
    name: 'import',
    component: () => import('../views/ImportView.vue'),
    meta: { permission: 'import:write', title: 'import.title' },
  },
  ...readingRoutes,
  ...meterAdminRoutes,
  ...billingRoutes,
  ...reportsRoutes,
  ...ledgerRoutes,
  ...workOrdersRoutes,
  ...noticesRoutes,
  { path: '/forbidden', name: 'forbidden', component: () => import('../views/ForbiddenView.vue'), meta: { title: 'forbidden.title' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFoundView.vue'), meta: { title: 'notFound.title' } },
];
