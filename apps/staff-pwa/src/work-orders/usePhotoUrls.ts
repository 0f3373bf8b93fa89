// Photo blobs (cached report photos, completion photos waiting in the outbox) as object URLs for <img>,
// revoked when the set changes or the screen goes away so a long day of jobs does not leak memory.
import { onScopeDispose, type Ref, shallowRef, watch } from 'vue';

export function usePhotoUrls(blobs: Ref<ReadonlyMap<string, Blob>>): Ref<ReadonlyMap<string, string>> {
  const urls = shallowRef<ReadonlyMap<string, string>>(new Map());
  const revokeAll = () => {
    for (const url of urls.value.values()) URL.revokeObjectURL(url);
  };
  watch(
    blobs,
    (next) => {
      revokeAll();
      urls.value = new Map([...next].map(([id, blob]) => [id, URL.createObjectURL(blob)]));
    },
    { immediate: true },
  );
  onScopeDispose(revokeAll);
  return urls;
}
