/**
 * Picks the user's language out of an API error message. The API writes messages as "中文 English"
 * (e.g. "账号或密码错误 Wrong username or password"), some only in one language.
 */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const LAST_CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef](?!.*[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])/;

export interface SplitMessage {
  zh: string | null;
  en: string | null;
}

export function splitMessage(message: string): SplitMessage {
  const text = message.trim();
  if (!text) return { zh: null, en: null };
  if (!CJK.test(text)) return { zh: null, en: text };
  const m = LAST_CJK.exec(text);
  const cut = m ? m.index + 1 : text.length;
  const rest = text.slice(cut).trim();
  if (/^[A-Za-z]/.test(rest)) return { zh: text.slice(0, cut).trim(), en: rest };
  return { zh: text, en: null };
}

/** The message in the wanted language, or null when the API did not give one in it. */
export function messageIn(message: string, locale: string): string | null {
  const parts = splitMessage(message);
  return locale === 'en' ? parts.en : parts.zh;
}

/** Zod field errors the API puts in `details`: "buildingArea: must be greater than 0". */
export function fieldDetails(details: unknown): string | null {
  if (!Array.isArray(details)) return null;
  const first = details.find((d): d is { path: string; message: string } => typeof d?.path === 'string' && typeof d?.message === 'string');
  if (!first) return null;
  return first.path ? `${first.path}: ${first.message}` : first.message;
}
