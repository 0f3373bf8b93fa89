/**
 * The estate and period every meter-admin screen works on. The hub picks them; they travel in the URL
 * (`?estateId=&period=`) so a sub-screen opened from a link or after a reload shows the same thing, and
 * the last estate is remembered on this device for the next visit. The period defaults to the current
 * month in Beijing time.
 */
import { isPeriod, periodOf } from '@pm/domain';
import { computed, ref, watch } from 'vue';
import { type LocationQueryRaw, useRoute } from 'vue-router';
import { getEstate } from '../../api/estates';
import type { EstateRef } from '../../api/metering-admin';

const STORAGE_KEY = 'pm.meterAdmin.estate';

export function rememberedEstate(): EstateRef | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<EstateRef>) : null;
    return parsed && typeof parsed.id === 'string' && typeof parsed.name === 'string' ? { id: parsed.id, name: parsed.name } : null;
  } catch {
    return null;
  }
}

export function rememberEstate(estate: EstateRef | null): void {
  try {
    if (estate) localStorage.setItem(STORAGE_KEY, JSON.stringify({ id: estate.id, name: estate.name }));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage full or disabled: the choice just is not remembered
  }
}

/** This month in Beijing, "YYYY-MM". */
export const currentPeriod = () => periodOf(new Date());

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The estate and period of the current screen, from the URL, else remembered / this month. */
export function useAdminScope() {
  const route = useRoute();
  const estateId = computed(() => str(route.query.estateId) ?? rememberedEstate()?.id ?? null);
  const period = computed(() => {
    const p = str(route.query.period);
    return p && isPeriod(p) ? p : currentPeriod();
  });
  const estateName = ref<string | null>(null);

  // The name for the header: remembered when it is the same estate, else asked for.
  watch(
    estateId,
    async (id) => {
      estateName.value = null;
      if (!id) return;
      const known = rememberedEstate();
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

  /** The query to carry to another meter-admin screen. */
  const scopeQuery = computed<LocationQueryRaw>(() => (estateId.value ? { estateId: estateId.value, period: period.value } : { period: period.value }));

  return { estateId, period, estateName, scopeQuery };
}
