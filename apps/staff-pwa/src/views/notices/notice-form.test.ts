import { describe, expect, it } from 'vitest';
import { audienceText, dayOf, emptyForm, expiryOf, formOf, formProblems, targetsOf, unitOfTarget } from './notice-form';
import { BUILDINGS, makeNotice } from './test-data';

describe('notice form', () => {
  it('an expiry day is the end of that day in Beijing, and back', () => {
    expect(expiryOf('2026-12-31')).toBe('2026-12-31T23:59:59+08:00');
    expect(dayOf('2026-12-31T15:59:59.000Z')).toBe('2026-12-31');
    expect(dayOf(expiryOf('2027-01-01'))).toBe('2027-01-01');
  });

  it('sends only the chosen audience', () => {
    const form = { ...emptyForm(), buildingIds: [BUILDINGS[0]!.id], units: [{ id: 'u-1', buildingName: '2栋', number: '2-101' }] };
    expect(targetsOf(form)).toEqual([{ kind: 'estate' }]);
    expect(targetsOf({ ...form, mode: 'buildings' })).toEqual([{ kind: 'building', buildingId: BUILDINGS[0]!.id }]);
    expect(targetsOf({ ...form, mode: 'units' })).toEqual([{ kind: 'unit', unitId: 'u-1' }]);
  });

  it('reads a notice back into the form', () => {
    const n = makeNotice({
      pinned: true,
      expiresAt: '2026-12-31T15:59:59.000Z',
      targets: [
        { kind: 'unit', id: 'u-1', name: '2栋 2-101' },
        { kind: 'unit', id: 'u-2', name: 'A座 301' },
      ],
    });
    expect(formOf(n)).toEqual({
      title: n.title,
      body: n.body,
      pinned: true,
      expiresOn: '2026-12-31',
      mode: 'units',
      buildingIds: [],
      units: [
        { id: 'u-1', buildingName: '2栋', number: '2-101' },
        { id: 'u-2', buildingName: 'A座', number: '301' },
      ],
    });
    expect(formOf(makeNotice({ targets: [] })).mode).toBe('estate');
    expect(formOf(makeNotice({ targets: [{ kind: 'building', id: 'b', name: '1栋' }] })).mode).toBe('buildings');
    expect(unitOfTarget({ kind: 'unit', id: 'x', name: '101' })).toEqual({ id: 'x', buildingName: '', number: '101' });
  });

  it('names the audience', () => {
    const words = { estate: '整个项目', none: '未选择对象', sep: '、' };
    expect(audienceText([{ kind: 'estate', id: 'e', name: '翠湖花园' }], words)).toBe('整个项目');
    expect(audienceText([{ kind: 'building', id: 'b', name: '1栋' }, { kind: 'unit', id: 'u', name: '2栋 2-101' }], words)).toBe('1栋、2栋 2-101');
    expect(audienceText([], words)).toBe('未选择对象');
  });

  it('says what is missing', () => {
    expect(formProblems(emptyForm(), '2026-11-27')).toEqual(['title', 'body']);
    const ok = { ...emptyForm(), title: '通知', body: '正文' };
    expect(formProblems(ok, '2026-11-27')).toEqual([]);
    expect(formProblems({ ...ok, mode: 'buildings' }, '2026-11-27')).toEqual(['buildings']);
    expect(formProblems({ ...ok, mode: 'units' }, '2026-11-27')).toEqual(['units']);
    expect(formProblems({ ...ok, expiresOn: '2026-11-26' }, '2026-11-27')).toEqual(['expiry']);
    expect(formProblems({ ...ok, expiresOn: '2026-11-27' }, '2026-11-27')).toEqual([]);
  });
});
