/**
 * The estate (and period) a family of screens works in — meter admin, billing, the cashier counter. It
 * travels in the URL (`?estateId=&period=`) so a reload or a shared link shows the same thing, and the last
 * estate is remembered on this device, per family, for the next visit. The period defaults to the current
 * month in Beijing time.
 *
 * - `useEstateScope(key)`: a screen where the estate is picked (the meter-admin hub, billing, the counter):
 *   from the URL, else the remembered one, else the first estate the user may see (the API scopes the list).
 * - `useRouteScope(key)`: a screen opened from one of those, working in the estate it was given.
 */
import { isPeriod, periodOf } from '@pm/domain';
import { computed, ref, watch } from 'vue';
import { type LocationQuery, type LocationQueryRaw, useRoute, useRouter } from 'vue-router';
import { getEstate, listEstates } from '../api/estates';
import type { Estate } from '../api/types';

export type EstateRef = Pick<Estate, 'id' | 'name'>;

/** Where each family remembers its estate on this device. */
export const ESTATE_KEYS = {
  meterAdmin: 'pm.meterAdmin.estate',
  billing: 'pm.billing.estate',
  cashier: 'pm.cashier.estate',
  workOrders: 'pm.workOrders.estate',
} as const;
export type EstateKey = (typeof ESTATE_KEYS)[keyof typeof ESTATE_KEYS];

export function rememberedEstate(key: EstateKey): EstateRef | null {
  try {
    const raw = localStorage.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as Partial<EstateRef>) : null;
    return parsed && typeof parsed.id === 'string' && typeof parsed.name === 'string' ? { id: parsed.id, name: parsed.name } : null;
  } catch {
    return null;
  }
}

export function rememberEstate(key: EstateKey, estate: EstateRef): void {
  try {
    localStorage.setItem(key, JSON.stringify({ id: estate.id, name: estate.name }));
  } catch {
    // storage full or disabled: the choice is just not remembered
  }
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** `?period=` when it is a period "YYYY-MM", else this month in Beijing. */
export function periodOfQuery(query: LocationQuery): string {
  const p = str(query.period);
  return p && isPeriod(p) ? p : periodOf(new Date());
}

/** A screen where the estate is picked; call `start()` once (again to retry after `failed`). */
export function useEstateScope(key: EstateKey) {
  const route = useRoute();
  const router = useRouter();
  const estate = ref<EstateRef | null>(null);
  /** The user may see no estate at all. */
  const noEstates = ref(false);
  const failed = ref<unknown>(null);

  async function start(): Promise<void> {
    failed.value = null;
    const fromUrl = str(route.query.estateId);
    const known = rememberedEstate(key);
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
    rememberEstate(key, e);
    if (route.query.estateId !== e.id) void router.replace({ query: { ...route.query, estateId: e.id } });
  });

  return { estate, noEstates, failed, start };
}

/** A screen working in the estate and period of its URL (the estate else the remembered one). */
export function useRouteScope(key: EstateKey) {
  const route = useRoute();
  const estateId = computed(() => str(route.query.estateId) ?? rememberedEstate(key)?.id ?? null);
  const period = computed(() => periodOfQuery(route.query));
  const estateName = ref<string | null>(null);

  // The name for the header: remembered when it is the same estate, else asked for.
  watch(
    estateId,
    async (id) => {
      estateName.value = null;
      if (!id) return;
      const known = rememberedEstate(key);
      if (known?.id === id) {
        estateName.value = known.name;
        return;
      }
      try {
        const estate = await getEstate(id);
        if (estateId.value === id) estateName.value = estate.name;
      } catch {
        // only a label
      }
    },
    { immediate: true },
  );

  /** The query to carry to another screen of the family. */
  const scopeQuery = computed<LocationQueryRaw>(() => (estateId.value ? { estateId: estateId.value, period: period.value } : { period: period.value }));

  return { estateId, period, estateName, scopeQuery };
}
