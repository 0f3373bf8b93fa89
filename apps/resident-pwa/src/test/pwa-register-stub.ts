/** Stand-in for vite-plugin-pwa's `virtual:pwa-register/vue` in tests: no service worker, nothing waiting. */
import { ref } from 'vue';

export function useRegisterSW() {
  return { needRefresh: ref(false), offlineReady: ref(false), updateServiceWorker: async () => undefined };
}
