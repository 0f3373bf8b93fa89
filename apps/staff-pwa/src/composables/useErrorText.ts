/**
 * Turns anything thrown by an API call into a sentence for the user, in their language: the server's
 * own message when it has one in that language (it says which field, which limit), else our text for
 * the error code. A network failure always gets our own "you are offline" text.
 */
import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/client';
import { fieldDetails, messageIn } from '../lib/errors';

export function useErrorText() {
  const { t, te, locale } = useI18n();
  return (e: unknown): string => {
    if (!(e instanceof ApiError)) return t('errors.generic');
    if (e.isNetwork) return t('errors.network');
    const key = `errors.${e.code}`;
    const text = messageIn(e.message, locale.value) ?? (te(key) ? t(key) : e.message || t('errors.unknown', { status: e.status }));
    const field = e.code === 'validation_failed' ? fieldDetails(e.details) : null;
    return field ? t('errors.withField', { text, field }) : text;
  };
}
