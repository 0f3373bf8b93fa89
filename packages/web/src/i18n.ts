/**
 * vue-i18n set up the same way in both apps: zh-CN by default, en switchable, the choice remembered, and
 * Vant's own component texts switched along with ours.
 */
import { Locale } from 'vant';
import enUS from 'vant/es/locale/lang/en-US';
import zhCN from 'vant/es/locale/lang/zh-CN';
import { createI18n } from 'vue-i18n';

export type AppLocale = 'zh-CN' | 'en';
export const LOCALES: AppLocale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'pm.locale';

function initialLocale(): AppLocale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

// biome-ignore lint/suspicious/noExplicitAny: message trees are app-specific nested objects
export function setupI18n<M extends Record<AppLocale, Record<string, any>>>(messages: M) {
  const locale = initialLocale();
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages });
  applyLocale(locale);
  return i18n;
}

export function applyLocale(locale: AppLocale) {
  Locale.use(locale === 'en' ? 'en-US' : 'zh-CN', locale === 'en' ? enUS : zhCN);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, locale);
}
