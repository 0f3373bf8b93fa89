/**
 * Infinite scroll over a paged API list (`{ items, total, page, pageSize }`), made for <van-list>:
 * bind `loading`, `finished`, `error` and call `load` on @load. `reset()` starts again (a new search);
 * answers to an older search that arrive late are dropped.
 */
import { type Ref, ref, shallowRef } from 'vue';
import type { Paged } from '../api/types';

export function usePagedList<T>(fetchPage: (page: number, pageSize: number) => Promise<Paged<T>>, pageSize = 20) {
  const items = shallowRef<T[]>([]) as Ref<T[]>;
  const total = ref(0);
  /** The API counted only up to `total` and there are more (large unit lists say "10000+"). */
  const totalCapped = ref(false);
  const loading = ref(false);
  const finished = ref(false);
  const error = ref(false);
  const lastError = shallowRef<unknown>(null);
  /** True once the first page has answered (to tell "empty" from "not loaded yet"). */
  const loaded = ref(false);
  let page = 0;
  let generation = 0;

  async function load(): Promise<void> {
    if (finished.value) {
      loading.value = false;
      return;
    }
    const gen = generation;
    loading.value = true;
    error.value = false;
    try {
      const res = await fetchPage(page + 1, pageSize);
      if (gen !== generation) return;
      page += 1;
      items.value = [...items.value, ...res.items];
      total.value = res.total;
      totalCapped.value = res.totalCapped === true;
      loaded.value = true;
      // A capped total is a lower bound: then only a short page means the end.
      finished.value = res.items.length === 0 || (res.totalCapped ? res.items.length < pageSize : items.value.length >= res.total);
    } catch (e) {
      if (gen !== generation) return;
      lastError.value = e;
      error.value = true;
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  /** Forget everything and load the first page again. */
  function reset(): Promise<void> {
    generation += 1;
    page = 0;
    items.value = [];
    total.value = 0;
    totalCapped.value = false;
    finished.value = false;
    error.value = false;
    loaded.value = false;
    loading.value = false;
    return load();
  }

  return { items, total, totalCapped, loading, finished, error, lastError, loaded, load, reset };
}
