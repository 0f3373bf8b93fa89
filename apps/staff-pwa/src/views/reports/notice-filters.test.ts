import { describe, expect, it } from 'vitest';
import { noticeFilters, validateFilters } from './notice-filters';

const BUILDING = 'cccccccc-0000-4000-8000-000000000001';

describe('reminder filters', () => {
  it('reads only well-formed values from the URL', () => {
    expect(noticeFilters({ buildingId: BUILDING, minOwed: '100.50', minDays: '30', asOf: '2026-10-31', payBy: '2026-11-15' })).toEqual({
      buildingId: BUILDING,
      minOwed: '100.50',
      minDays: 30,
      asOf: '2026-10-31',
      payBy: '2026-11-15',
    });
    expect(noticeFilters({ buildingId: 'x', minOwed: '1e5', minDays: '-1', asOf: '2026-02-30', payBy: 'soon' })).toEqual({});
    // a pay-by date before the as-of date would be refused by the API
    expect(noticeFilters({ asOf: '2026-10-31', payBy: '2026-10-01' })).toEqual({ asOf: '2026-10-31' });
    expect(noticeFilters({ minDays: '9999' })).toEqual({});
  });

  it('checks the form and says which field is wrong', () => {
    const today = '2026-10-31';
    expect(validateFilters({ minOwed: ' 200 ', minDays: '030', asOf: '', payBy: '2026-11-15' }, today)).toEqual({
      ok: true,
      errors: {},
      query: { minOwed: '200', minDays: '30', asOf: undefined, payBy: '2026-11-15' },
    });
    const bad = validateFilters({ minOwed: '1.234', minDays: '4000', asOf: '2026-12-01', payBy: '2026-11-20' }, today);
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual({ minOwed: 'minOwed', minDays: 'minDays', asOf: 'asOf', payBy: 'payBy' });
    expect(validateFilters({ minOwed: '', minDays: '', asOf: '', payBy: '' }, today).query).toEqual({ minOwed: undefined, minDays: undefined, asOf: undefined, payBy: undefined });
  });
});
