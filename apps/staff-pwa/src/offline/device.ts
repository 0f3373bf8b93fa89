/** A stable id for this phone/browser, sent with every batch so the server can tell devices apart. */
const KEY = 'pm.staff.deviceId';
let fallback: string | null = null;

export function getDeviceId(): string {
  try {
    const known = localStorage.getItem(KEY);
    if (known) return known;
    const id = crypto.randomUUID();
    localStorage.setItem(KEY, id);
    return id;
  } catch {
    // storage disabled: an id for this page load only
    fallback ??= crypto.randomUUID();
    return fallback;
  }
}
