// A cached route merged with this phone's outbox, live: what the route and meter screens show.
import { computed, type Ref } from 'vue';
import { getDb, listCommands, type OutboxCommand } from '../offline';
import { type MeterView, meterViews, routeProgress } from './meter-state';
import { type CachedRouteData, cachedRoute } from './route-cache';
import { READING_COMMAND } from './types';
import { useLiveQuery } from './useLiveQuery';

type Live = { cached: CachedRouteData; commands: OutboxCommand[] } | null;

export function useRouteViews(routeId: Ref<string>) {
  // undefined while the first read runs; null when the route is not on this phone.
  const { value: data, error } = useLiveQuery<Live | undefined>(
    async () => {
      const db = getDb();
      const cached = await cachedRoute(db, routeId.value);
      if (!cached) return null;
      return { cached, commands: await listCommands({ group: routeId.value, type: READING_COMMAND }, db) };
    },
    undefined,
    routeId,
  );
  const views = computed<MeterView[]>(() => {
    const d = data.value;
    if (!d) return [];
    return meterViews({ meters: d.cached.meters, period: d.cached.route.period, serverReadings: d.cached.readings, commands: d.commands });
  });
  const progress = computed(() => routeProgress(views.value));
  const route = computed(() => data.value?.cached.route ?? null);
  const loaded = computed(() => data.value !== undefined);
  return { route, views, progress, loaded, error };
}
