// Dexie's liveQuery as a Vue ref: re-runs when the tables it read change (in this tab or another).
import { liveQuery, type Subscription } from 'dexie';
import { onScopeDispose, type Ref, shallowRef, watch, type WatchSource } from 'vue';

export function useLiveQuery<T>(query: () => Promise<T>, initial: T, deps?: WatchSource): { value: Ref<T>; error: Ref<unknown> } {
  const value = shallowRef(initial) as Ref<T>;
  const error = shallowRef<unknown>(null);
  let sub: Subscription | null = null;
  const run = () => {
    sub?.unsubscribe();
    sub = liveQuery(query).subscribe({
      next: (v) => {
        value.value = v;
        error.value = null;
      },
      error: (e: unknown) => {
        error.value = e;
      },
    });
  };
  run();
  if (deps) watch(deps, run);
  onScopeDispose(() => sub?.unsubscribe());
  return { value, error };
}
