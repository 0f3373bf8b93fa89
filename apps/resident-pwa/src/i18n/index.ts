import { setupI18n } from '@pm/web/i18n';
import en from './en';
import zhCN from './zh-CN';

export const i18n = setupI18n({ 'zh-CN': zhCN, en });
