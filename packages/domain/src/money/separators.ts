/** Grouping and decimal separators for a locale (internal to formatYuan/parseYuan). */
export interface Separators {
  group: string;
  decimal: string;
}

const DEFAULT_SEPARATORS: Separators = { group: ',', decimal: '.' };
const cache = new Map<string, Separators>();

/**
 * Without a locale, ',' and '.' (zh-CN and en agree), independent of the runtime's default locale.
 * With one, the separators Intl uses for it. Only the separators are taken from Intl: the digits are
 * always formatted from the decimal string, never through a JS number.
 */
export function separatorsFor(locale: string | undefined): Separators {
  if (locale === undefined) return DEFAULT_SEPARATORS;
  const known = cache.get(locale);
  if (known) return known;
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
  const found: Separators = {
    group: parts.find((p) => p.type === 'group')?.value ?? DEFAULT_SEPARATORS.group,
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? DEFAULT_SEPARATORS.decimal,
  };
  cache.set(locale, found);
  return found;
}
