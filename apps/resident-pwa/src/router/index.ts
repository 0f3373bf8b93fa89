/**
 * Every screen is a lazy route. Later issues add theirs here (bills, payment, repairs, complaints,
 * notices) and swap the "coming soon" placeholders for the real screens under the same names.
 */
import type { Pinia } from 'pinia';
import { showToast } from 'vant';
import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router';
import { setUnauthenticatedHandler } from '../api/client';
import { i18n } from '../i18n';
import { useSessionStore } from '../stores/session';
import { safeRedirect } from '../utils/redirect';
import { noticesRoutes } from './routes.notices';
import { payRoutes } from './routes.pay';
import { repairsRoutes } from './routes.repairs';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (login, the "cannot connect" page). */
    public?: boolean;
    /** i18n key of the page title (document.title, nav bar). */
    title?: string;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue'), meta: { public: true, title: 'titles.login' } },
  {
    path: '/',
    component: () => import('../views/TabsLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('../views/HomeView.vue'), meta: { title: 'titles.home' } },
      { path: 'bills', name: 'bills', component: () => import('../views/BillsView.vue'), meta: { title: 'titles.bills' } },
      { path: 'repairs', name: 'repairs', component: () => import('../views/RepairsView.vue'), meta: { title: 'titles.repairs' } },
      { path: 'me', name: 'me', component: () => import('../views/MeView.vue'), meta: { title: 'titles.me' } },
    ],
  },
  { path: '/bind', name: 'bind', component: () => import('../views/BindView.vue'), meta: { title: 'titles.bind' } },
  {
    path: '/complaints',
    name: 'complaints',
    component: () => import('../views/repairs/ComplaintsView.vue'),
    meta: { title: 'titles.complaints' },
  },
  ...payRoutes,
  ...noticesRoutes,
  ...repairsRoutes,
  {
    path: '/unavailable',
    name: 'unavailable',
    component: () => import('../views/UnavailableView.vue'),
    meta: { public: true, title: 'titles.unavailable' },
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export function pageTitle(titleKey: string | undefined): string {
  const app = i18n.global.t('app.name');
  return titleKey ? `${i18n.global.t(titleKey)} · ${app}` : app;
}

export function createAppRouter(pinia: Pinia, base = '/resident/'): Router {
  const router = createRouter({
    history: createWebHistory(base),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });

  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia);
    if (to.name === 'login') {
      // Already signed in (e.g. the login page opened from history): go where they were headed.
      if (!session.checked) await session.fetchMe().catch(() => null);
      return session.isLoggedIn ? (safeRedirect(to.query.redirect) ?? { name: 'home' }) : true;
    }
    if (to.meta.public || session.isLoggedIn) return true;
    try {
      if (await session.fetchMe()) return true;
    } catch {
      return { name: 'unavailable', query: { redirect: to.fullPath } };
    }
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  });

  router.afterEach((to) => {
    if (typeof document !== 'undefined') document.title = pageTitle(to.meta.title);
  });

  // A call answered 401 `unauthenticated` mid-session: the cookie expired or was revoked.
  setUnauthenticatedHandler(() => {
    const session = useSessionStore(pinia);
    if (!session.isLoggedIn) return; // e.g. the guard's own `me` check: it redirects by itself
    const current = router.currentRoute.value;
    session.clear();
    showToast(i18n.global.t('errors.sessionExpired'));
    if (!current.meta.public) {
      router.replace({ name: 'login', query: current.fullPath === '/' ? {} : { redirect: current.fullPath } });
    }
  });

  return router;
}
