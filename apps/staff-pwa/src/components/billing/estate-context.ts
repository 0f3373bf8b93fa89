/**
 * The estate a cashier or billing screen works in. It travels in the URL (`?estateId=`) so a reload or a
 * shared link shows the same estate, and the last one is remembered on this device (per screen family) for
 * the next visit; with neither, the first estate the user may see (the API scopes the list) is taken.
 */
import { ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { getEstate, listEstates } from '../../api/estates';

export interface EstateRef {
  id: string;
  name: string;
}

export function rememberedEstate(storageKey: string): EstateRef | null {
  try {
    const raw = localStorage.getItem(storageKey);
    const parsed = raw ? (JSON.parse(raw) as Partial<EstateRef>) : null;
    return parsed && typeof parsed.id === 'string' && typeof parsed.name === 'string' ? { id: parsed.id, name: parsed.name } : null;
  } catch {
    return null;
  }
}

function remember(storageKey: string, estate: EstateRef): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify({ id: estate.id, name: estate.name }));
  } catch {
    // storage full or disabled: the choice is just not remembered
  }
}

export function useEstateContext(storageKey: string) {
  const route = useRoute();
  const router = useRouter();
  const estate = ref<EstateRef | null>(null);
  /** The user may see no estate at all. */
  const noEstates = ref(false);
  const failed = ref<unknown>(null);

  async function start(): Promise<void> {
    failed.value = null;
    const fromUrl = typeof route.query.estateId === 'string' && route.query.estateId ? route.query.estateId : null;
    const known = rememberedEstate(storageKey);
    try {
      if (fromUrl && known?.id === fromUrl) estate.value = known;
      else if (fromUrl) {
        const e = await getEstate(fromUrl);
        estate.value = { id: e.id, name: e.name };
      } else if (known) estate.value = known;
      else {
        const first = (await listEstates({ page: 1, pageSize: 1 })).items[0];
        if (first) estate.value = { id: first.id, name: first.name };
        else noEstates.value = true;
      }
    } catch (e) {
      failed.value = e;
    }
  }

  watch(estate, (e) => {
    if (!e) return;
    remember(storageKey, e);
    if (route.query.estateId !== e.id) void router.replace({ query: { ...route.query, estateId: e.id } });
  });

  return { estate, noEstates, failed, start };
}
