/**
 * The reminder filters (`POST /api/reports/reminders/notices`) as they travel in the URL, and the check of
 * the form that edits them. Only well-formed values are read from the URL (a hand-edited link cannot make
 * the API answer 400); what is left out takes the API's default.
 */
import { isCalendarDate } from '@pm/domain';
import type { LocationQuery } from 'vue-router';
import { str } from './query';

export interface NoticeFilters {
  buildingId?: string;
  /** Decimal string, at most 2 decimals (the API's Money). */
  minOwed?: string;
  minDays?: number;
  asOf?: string;
  payBy?: string;
}

const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const DAYS = /^\d{1,4}$/;
const MAX_DAYS = 3650;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function noticeFilters(query: LocationQuery): NoticeFilters {
  const out: NoticeFilters = {};
  const buildingId = str(query.buildingId);
  if (buildingId && UUID.test(buildingId)) out.buildingId = buildingId;
  const minOwed = str(query.minOwed);
  if (minOwed && MONEY.test(minOwed)) out.minOwed = minOwed;
  const minDays = str(query.minDays);
  if (minDays && DAYS.test(minDays) && Number(minDays) <= MAX_DAYS) out.minDays = Number(minDays);
  const asOf = str(query.asOf);
  if (asOf && isCalendarDate(asOf)) out.asOf = asOf;
  const payBy = str(query.payBy);
  if (payBy && isCalendarDate(payBy) && payBy >= (out.asOf ?? '')) out.payBy = payBy;
  return out;
}

export type FilterField = 'minOwed' | 'minDays' | 'asOf' | 'payBy';

/**
 * Checks the form (text as typed; '' = not set). `errors` name the bad fields (the value is also the
 * message key under `reports.reminders.invalid`); `query` is what to put in the URL when all is well.
 */
export function validateFilters(form: Record<FilterField, string>, today: string) {
  const errors: Partial<Record<FilterField, FilterField>> = {};
  const minOwed = form.minOwed.trim();
  const minDays = form.minDays.trim();
  if (minOwed && !MONEY.test(minOwed)) errors.minOwed = 'minOwed';
  if (minDays && (!DAYS.test(minDays) || Number(minDays) > MAX_DAYS)) errors.minDays = 'minDays';
  if (form.asOf && (!isCalendarDate(form.asOf) || form.asOf > today)) errors.asOf = 'asOf';
  if (form.payBy && (!isCalendarDate(form.payBy) || form.payBy < (form.asOf || today))) errors.payBy = 'payBy';
  const ok = Object.keys(errors).length === 0;
  const orNothing = (v: string) => v || undefined;
  return {
    ok,
    errors,
    query: { minOwed: orNothing(minOwed), minDays: orNothing(minDays === '' ? '' : String(Number(minDays))), asOf: orNothing(form.asOf), payBy: orNothing(form.payBy) },
  };
}
