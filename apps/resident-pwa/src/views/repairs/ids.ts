/**
 * Client-made ids. Every order, photo, command and comment the resident sends carries one, and the API
 * treats it as the idempotency key: when an answer is lost (a lift, a weak signal) the retry must reuse the
 * same id, or the property company gets the same burst pipe twice.
 */
import { ApiError } from '@pm/web/api';

/** A v4 UUID, also where `crypto.randomUUID` is missing (a page served over plain http on a LAN). */
export function newId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Did the server decide about the request? A refusal (4xx) was decided and stored nothing; no answer
 * (offline, timeout) or a server failure (5xx) may or may not have been applied, so its retry must reuse
 * the id.
 */
export function wasAnswered(e: unknown): boolean {
  return e instanceof ApiError && e.status >= 400 && e.status < 500;
}

/**
 * One id per pending action (e.g. `cancel`, `comment`): the same id until the server has answered it, a
 * fresh one for the next action. Call `settled` once an answer came back (success or a refusal — either
 * way the server has decided about that id); a network failure leaves the id in place for the retry.
 */
export class PendingIds {
  private readonly ids = new Map<string, string>();

  for(action: string): string {
    let id = this.ids.get(action);
    if (!id) {
      id = newId();
      this.ids.set(action, id);
    }
    return id;
  }

  settled(action: string): void {
    this.ids.delete(action);
  }
}
