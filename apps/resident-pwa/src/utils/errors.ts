/**
 * Turns whatever a call threw into one sentence for the resident. The API's error `code` picks a
 * translated text, first in the screen's own scope (e.g. `bind.errors.invite`), then the shared
 * `errors.*`; an unknown code shows the server's message; a network failure says so.
 */
import { ApiError } from '@pm/web/api';
import { i18n } from '../i18n';

function detail(e: ApiError, key: string): number | null {
  const v = (e.details as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function errorText(e: unknown, scope?: string): string {
  const { t, te } = i18n.global;
  if (!(e instanceof ApiError)) return t('errors.unknown');
  if (e.isNetwork) return t('errors.network');
  if (scope && te(`${scope}.${e.code}`)) return t(`${scope}.${e.code}`);
  if (e.code === 'rate_limited') {
    const wait = detail(e, 'retryAfterSeconds');
    if (wait && wait > 90) return t('errors.rateLimitedMinutes', { n: Math.ceil(wait / 60) });
    if (wait) return t('errors.rateLimitedSeconds', { n: Math.ceil(wait) });
  }
  if (e.code === 'invalid_code') {
    const left = detail(e, 'attemptsLeft');
    if (left !== null && left > 0) return t('errors.invalidCodeLeft', { n: left });
    if (left === 0) return t('errors.code_locked');
  }
  if (te(`errors.${e.code}`)) return t(`errors.${e.code}`);
  if (e.message && !e.code.startsWith('http_')) return e.message;
  return t('errors.unknown');
}
