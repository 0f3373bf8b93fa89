/** Mounts the whole app (router, pinia, i18n) at a path, the way a resident opens it. */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import App from '../App.vue';
import { i18n } from '../i18n';
import { createAppRouter } from '../router';

export async function mountApp(path: string) {
  window.history.replaceState(null, '', `/resident${path}`);
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(pinia);
  const wrapper = mount(App, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body });
  await router.isReady();
  await flushPromises();
  return { wrapper, router, pinia };
}
