/**
 * A list that belongs to the estate a screen shows (its fee items, its fee standards): loaded when the
 * estate changes — emptied first, so another estate's list never shows — and again on `load()`. An answer
 * for an estate no longer shown is dropped; a failure leaves no list and the error in words.
 */
import { type Ref, ref, shallowRef, watch } from 'vue';
import { useErrorText } from './useErrorText';

export function useEstateItems<T>(estateId: () => string, fetch: (estateId: string) => Promise<{ items: T[] }>) {
  const errorText = useErrorText();
  const items = shallowRef<T[] | null>(null) as Ref<T[] | null>;
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load() {
    const id = estateId();
    loading.value = true;
    error.value = null;
    try {
      const res = await fetch(id);
      if (estateId() === id) items.value = res.items;
    } catch (e) {
      items.value = null;
      error.value = errorText(e);
    } finally {
      loading.value = false;
    }
  }
  watch(
    estateId,
    () => {
      items.value = null;
      void load();
    },
    { immediate: true },
  );

  return { items, loading, error, load };
}
