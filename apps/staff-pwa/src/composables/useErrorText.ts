/**
 * Turns anything thrown by an API call into a sentence for the user. The server's own message is the
 * best one (it says which field, which limit); in English, known codes are translated instead, because
 * the server speaks Chinese. A network failure always gets our own "you are offline" text.
 */
import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/client';

export function useErrorText() {
  const { t, te, locale } = useI18n();
  return (e: unknown): string => {
    if (e instanceof ApiError) {
      if (e.isNetwork) return t('errors.network');
      const key = `errors.${e.code}`;
      if (locale.value === 'en' && te(key)) return t(key);
      if (e.message) return e.message;
      if (te(key)) return t(key);
      return t('errors.unknown', { status: e.status });
    }
    return t('errors.generic');
  };
}
