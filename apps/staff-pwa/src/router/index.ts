import { createRouter, createWebHistory, type Router, type RouterHistory } from 'vue-router';
import { useSessionStore } from '../stores/session';
import { routes } from './routes';

/** Where a signed-in user goes after login: the page they asked for, if it is one of ours. */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login')
    ? value
    : '/';
}

export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    await session.ensure();
    if (to.meta.public) {
      // Someone already signed in does not need the login screen.
      if (to.name === 'login' && session.isAuthenticated) return safeRedirect(to.query.redirect);
      return true;
    }
    if (!session.isAuthenticated) {
      return to.fullPath === '/' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } };
    }
    if (to.meta.permission && !session.can(to.meta.permission)) return { name: 'forbidden', query: { from: to.fullPath } };
    return true;
  });
}

export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)): Router {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
  installGuards(router);
  return router;
}
