/**
 * Preferred visit time 预约上门时间: whole-hour slots in Beijing time over the next week, between 08:00 and
 * 20:00 (when technicians visit homes), today only from two hours ahead so the earliest slot is at least an
 * hour away. The answer is an instant with the +08:00 offset the API requires.
 */
import { BUSINESS_TZ, hourInShanghai, todayInShanghai } from '@pm/domain';

export const VISIT_FIRST_HOUR = 8;
export const VISIT_LAST_HOUR = 20;
export const VISIT_DAYS = 7;

export interface VisitDay {
  /** YYYY-MM-DD in Beijing. */
  date: string;
  /** 0 today, 1 tomorrow… */
  offset: number;
  hours: number[];
}

const DAY_MS = 86_400_000;

export function visitDays(now: Date = new Date(), days = VISIT_DAYS): VisitDay[] {
  const out: VisitDay[] = [];
  for (let offset = 0; offset < days; offset++) {
    // Beijing has no daylight saving: whole days later is the next calendar day there.
    const date = todayInShanghai(new Date(now.getTime() + offset * DAY_MS));
    const first = offset === 0 ? Math.max(VISIT_FIRST_HOUR, hourInShanghai(now) + 2) : VISIT_FIRST_HOUR;
    const hours: number[] = [];
    for (let h = first; h <= VISIT_LAST_HOUR; h++) hours.push(h);
    if (hours.length) out.push({ date, offset, hours });
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function visitInstant(date: string, hour: number): string {
  return `${date}T${pad(hour)}:00:00+08:00`;
}

export function hourLabel(hour: number): string {
  return `${pad(hour)}:00`;
}

/** "周三" / "Wed" for a Beijing date. */
export function weekdayLabel(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: BUSINESS_TZ }).format(new Date(`${date}T12:00:00+08:00`));
}
