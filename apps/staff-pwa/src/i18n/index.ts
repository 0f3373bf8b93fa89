import en from './en';
import zhCN from './zh-CN';

export const messages = { 'zh-CN': zhCN, en };
export type { Messages } from './zh-CN';
