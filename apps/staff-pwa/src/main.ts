import { setupI18n } from '@pm/web/i18n';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { watch } from 'vue';
import { onUnauthenticated } from './api/client';
import { messages } from './i18n';
import { useSyncStore } from './offline';
import { createAppRouter } from './router';
import { useSessionStore } from './stores/session';
// Vant components in templates are imported per component with their CSS by the resolver; the
// function-API ones (showToast, showDialog, showConfirmDialog, showNotify) need their CSS here.
import 'vant/es/toast/style';
import 'vant/es/dialog/style';
import 'vant/es/notify/style';
import '@pm/web/styles.css';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
const router = createAppRouter();
const i18n = setupI18n(messages);

app.use(pinia).use(router).use(i18n);

// A request answered 401 means the session ended (expired, revoked, password changed): back to login,
// keeping the page the user was on so they come back to it.
onUnauthenticated(() => {
  useSessionStore(pinia).clear();
  const current = router.currentRoute.value;
  if (current.name !== 'login') void router.replace({ name: 'login', query: { redirect: current.fullPath } });
});

// Opened offline on the remembered session: ask the server again once the network is back.
window.addEventListener('online', async () => {
  const session = useSessionStore(pinia);
  if (!session.offline) return;
  await session.load();
  if (!session.isAuthenticated && !router.currentRoute.value.meta.public) void router.replace({ name: 'login' });
});

// The outbox: readings (and later work-order steps) made offline go out on start, when the network comes
// back, when the app is shown again and on a timer. Only the signed-in person's own commands are sent
// (a shared phone), so a new sign-in is a reason to flush.
const session = useSessionStore(pinia);
const sync = useSyncStore(pinia);
sync.start({ owner: () => session.me?.id ?? null });
watch(
  () => session.me?.id,
  (id) => {
    if (id) void sync.flushNow();
  },
);

router.afterEach((to) => {
  const title = to.meta.title ? i18n.global.t(to.meta.title) : '';
  document.title = title ? `${title} · ${i18n.global.t('app.shortName')}` : i18n.global.t('app.name');
});

app.mount('#app');
