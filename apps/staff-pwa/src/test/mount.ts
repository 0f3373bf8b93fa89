// Mounts a screen the way main.ts sets the app up (pinia, router in memory, i18n), for component tests.
import { setupI18n } from '@pm/web/i18n';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Component } from 'vue';
import { createMemoryHistory } from 'vue-router';
import { messages } from '../i18n';
import { createAppRouter } from '../router';

export async function mountAt(path: string, component: Component, props: Record<string, unknown> = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory('/staff/'));
  const i18n = setupI18n(messages);
  await router.push(path);
  await router.isReady();
  const wrapper = mount(component, { props, global: { plugins: [pinia, router, i18n] }, attachTo: document.body });
  return { wrapper, router, pinia };
}

/** Lets pending promises and Vue updates settle. */
export async function settle(times = 5) {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
}
