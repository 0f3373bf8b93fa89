import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CheckReadingInput, checkReading, READING_EXPLANATIONS, READING_FLAGS } from './checkReading';
import type { Meter } from './meter';
import { usage } from './usage';
import { reasonOf } from './test-helpers';

const water: Meter = { id: 'm1', type: 'cold_water', digits: 4, multiplier: '1', initialReading: '0' };
const ct: Meter = { id: 'm2', type: 'electricity', digits: 6, multiplier: '40', initialReading: '0' };

function check(overrides: Partial<CheckReadingInput>) {
  return checkReading({ meter: water, previous: '100', current: '112', history: [], ...overrides });
}


describe('checkReading: normal readings', () => {
  it('records a plausible reading without flags', () => {
    expect(check({ current: '112.5', history: ['10', '12', '11'] })).toEqual({
      ok: true,
      usage: '12.5',
      kind: 'normal',
      flags: [],
      needsExplanation: false,
      needsReview: false,
      rejection: null,
      value: '112.5',
      previous: '100',
    });
  });

  it('uses the initial reading when there is no approved reading yet', () => {
    const result = check({ meter: { ...water, initialReading: '0050.5' }, previous: null, current: '60' });
    expect(result).toMatchObject({ ok: true, usage: '9.5', previous: '50.5', flags: [] });
  });

  it('applies the multiplier (×40) and keeps decimals', () => {
    expect(checkReading({ meter: ct, previous: '1000', current: '1002.5', history: [] }).usage).toBe('100');
    expect(check({ previous: '1285.3', current: '1290.125' }).usage).toBe('4.825');
    expect(check({ meter: { ...water, multiplier: '0.5' }, previous: '100', current: '101.3' }).usage).toBe('0.65');
  });

  it('returns the value in canonical form', () => {
    expect(check({ current: '0112.50' })).toMatchObject({ ok: true, value: '112.5', usage: '12.5' });
  });
});

describe('checkReading: spikes', () => {
  it('with three history entries: > 3 × average is a spike, = is not', () => {
    expect(check({ current: '130', history: ['10', '10', '10'] })).toMatchObject({ ok: true, flags: [], needsReview: false });
    expect(check({ current: '131', history: ['10', '10', '10'] })).toMatchObject({
      ok: true,
      usage: '31',
      flags: ['spike'],
      needsReview: true,
    });
  });

  it('with two history entries: uses both', () => {
    expect(check({ current: '145', history: ['10', '20'] }).flags).toEqual([]);
    expect(check({ current: '146', history: ['10', '20'] }).flags).toEqual(['spike']);
  });

  it('with one history entry: uses it', () => {
    expect(check({ current: '130', history: ['10'] }).flags).toEqual([]);
    expect(check({ current: '130.001', history: ['10'] }).flags).toEqual(['spike']);
  });

  it('with no history: never a spike', () => {
    expect(check({ current: '9999', history: [] }).flags).toEqual([]);
  });

  it('looks only at the newest n periods; k and n can be set', () => {
    expect(check({ current: '131', history: ['10', '10', '10', '1000'] }).flags).toEqual(['spike']);
    expect(check({ current: '131', history: ['10', '10', '10', '1000'], n: 4 }).flags).toEqual([]);
    expect(check({ current: '121', history: ['10'], k: 2 }).flags).toEqual(['spike']);
    expect(check({ current: '120', history: ['10'], k: '2' }).flags).toEqual([]);
  });

  it('compares the usage after the multiplier with the history usages', () => {
    // dial went up 1, usage 40; history of 10s → spike
    expect(checkReading({ meter: ct, previous: '1000', current: '1001', history: ['10', '10', '10'] }).flags).toEqual(['spike']);
    expect(checkReading({ meter: ct, previous: '1000', current: '1001', history: ['40', '40', '40'] }).flags).toEqual([]);
  });
});

describe('checkReading: zero usage', () => {
  it('flags an unchanged reading but records it', () => {
    expect(check({ current: '100.000', history: ['10', '12'] })).toMatchObject({
      ok: true,
      usage: '0',
      kind: 'normal',
      flags: ['zero_usage'],
      needsReview: true,
    });
  });

  it('an all-zero history makes a positive usage a spike, not a zero', () => {
    expect(check({ current: '100', history: ['0', '0'] }).flags).toEqual(['zero_usage']);
    expect(check({ current: '101', history: ['0', '0'] }).flags).toEqual(['spike']);
  });
});

describe('checkReading: lower than previous', () => {
  it('never assumes why: recorded with no usage, needs an explanation', () => {
    expect(check({ previous: '9990', current: '15' })).toEqual({
      ok: true,
      usage: null,
      kind: null,
      flags: ['lower_than_previous'],
      needsExplanation: true,
      needsReview: true,
      rejection: null,
      value: '15',
      previous: '9990',
    });
  });

  it("'misread': rejected, the reader enters it again", () => {
    expect(check({ previous: '9990', current: '15', explanation: 'misread' })).toEqual({
      ok: false,
      usage: null,
      kind: null,
      flags: ['lower_than_previous'],
      needsExplanation: false,
      needsReview: false,
      rejection: 'misread',
      value: '15',
      previous: '9990',
    });
    // the reader may also withdraw a reading that is not lower
    expect(check({ current: '112', explanation: 'misread' })).toMatchObject({ ok: false, rejection: 'misread', flags: [] });
  });

  it("'rollover': usage goes round the dial; still flagged for review", () => {
    expect(check({ previous: '9990', current: '15', explanation: 'rollover', history: ['20', '25', '30'] })).toEqual({
      ok: true,
      usage: '25',
      kind: 'rollover',
      flags: ['lower_than_previous'],
      needsExplanation: false,
      needsReview: true,
      rejection: null,
      value: '15',
      previous: '9990',
    });
    // exact boundary: 9999 → 0000
    expect(check({ previous: '9999', current: '0', explanation: 'rollover' }).usage).toBe('1');
    expect(checkReading({ meter: ct, previous: '999999.9', current: '0.4', history: [], explanation: 'rollover' }).usage).toBe('20');
  });

  it("'rollover' with a usage above k × average is suspicious (instead of a spike)", () => {
    expect(check({ previous: '5000', current: '10', explanation: 'rollover', history: ['20', '25', '30'] })).toMatchObject({
      ok: true,
      usage: '5010',
      kind: 'rollover',
      flags: ['lower_than_previous', 'rollover_suspicious'],
      needsReview: true,
    });
  });

  it("'rollover' does not apply when the reading is not lower: usage is normal", () => {
    expect(check({ current: '112', explanation: 'rollover' })).toMatchObject({ ok: true, kind: 'normal', usage: '12', flags: [] });
  });

  it('an equal reading is not lower', () => {
    expect(check({ previous: '100.5', current: '100.500' }).flags).toEqual(['zero_usage']);
  });
});

describe('checkReading: meter replaced 换表', () => {
  const replacement = { oldFinal: '1250.5', newInitial: '0', newMultiplier: '1', newDigits: 5 };

  it('computes usage over both meters and sends it to review', () => {
    expect(check({ previous: '1200', current: '30.2', explanation: 'replaced', replacement })).toEqual({
      ok: true,
      usage: '80.7',
      kind: 'replaced',
      flags: ['lower_than_previous', 'meter_replaced'],
      needsExplanation: false,
      needsReview: true,
      rejection: null,
      value: '30.2',
      previous: '1200',
    });
    const ctToDirect = checkReading({
      meter: { ...ct, digits: 4 },
      previous: '1200',
      current: '30.2',
      history: ['2000', '2100', '1900'],
      explanation: 'replaced',
      replacement,
    });
    expect(ctToDirect).toMatchObject({ ok: true, usage: '2050.2', flags: ['lower_than_previous', 'meter_replaced'] });
  });

  it('reads current on the new dial', () => {
    expect(check({ previous: '1200', current: '123456', explanation: 'replaced', replacement: { ...replacement, newDigits: 6 } })).toMatchObject({
      ok: true,
      usage: '123506.5',
      flags: ['meter_replaced'],
    });
    expect(check({ previous: '1200', current: '123456', explanation: 'replaced', replacement })).toMatchObject({
      ok: false,
      rejection: 'too_many_digits',
      flags: ['too_many_digits'],
    });
  });

  it('can spike and be zero like any usage', () => {
    expect(check({ previous: '1250.5', current: '0', explanation: 'replaced', replacement }).flags).toEqual([
      'lower_than_previous',
      'meter_replaced',
      'zero_usage',
    ]);
    expect(check({ previous: '1200', current: '100', explanation: 'replaced', replacement, history: ['10'] }).flags).toEqual([
      'lower_than_previous',
      'meter_replaced',
      'spike',
    ]);
  });

  it('rejects a replacement with missing or inconsistent data', () => {
    const replaced = (r: Partial<typeof replacement> | undefined, current = '30') =>
      check({ previous: '1200', current, explanation: 'replaced', replacement: r === undefined ? undefined : { ...replacement, ...r } }).rejection;
    expect(replaced(undefined)).toBe('replacement_required');
    expect(replaced({ newDigits: 3 })).toBe('replacement_new_meter_invalid');
    expect(replaced({ newMultiplier: '0' })).toBe('replacement_new_meter_invalid');
    expect(replaced({ oldFinal: '12000' })).toBe('replacement_old_final_invalid');
    expect(replaced({ oldFinal: 'x' })).toBe('replacement_old_final_invalid');
    expect(replaced({ oldFinal: '1199.9' })).toBe('replacement_old_final_below_previous');
    expect(replaced({ newInitial: '-1' })).toBe('replacement_new_initial_invalid');
    expect(replaced({ newInitial: '30.001' })).toBe('replacement_current_below_new_initial');
    expect(replaced({}, 'abc')).toBe('syntax');
  });

  it('refuses replacement data without the replaced explanation (inconsistent client)', () => {
    expect(reasonOf(() => check({ explanation: 'rollover', replacement }))).toBe('UNEXPECTED_REPLACEMENT');
    expect(reasonOf(() => check({ replacement }))).toBe('UNEXPECTED_REPLACEMENT');
  });
});

describe('checkReading: values that are not readings', () => {
  it('too many digits for the dial: rejected and flagged', () => {
    expect(check({ current: '10000' })).toEqual({
      ok: false,
      usage: null,
      kind: null,
      flags: ['too_many_digits'],
      needsExplanation: false,
      needsReview: false,
      rejection: 'too_many_digits',
      value: null,
      previous: '100',
    });
    expect(checkReading({ meter: ct, previous: '1', current: '1000000', history: [] }).flags).toEqual(['too_many_digits']);
    expect(checkReading({ meter: ct, previous: '1', current: '999999.999', history: [] }).ok).toBe(true);
  });

  it.each([
    ['-5', 'negative'],
    ['1.2345', 'too_many_decimals'],
    ['abc', 'syntax'],
    ['', 'syntax'],
    ['1e3', 'syntax'],
  ])('%j is rejected: %s', (current, rejection) => {
    expect(check({ current })).toMatchObject({ ok: false, usage: null, flags: [], rejection });
  });

  it('a JS number is rejected too', () => {
    expect(check({ current: 112 as unknown as string }).rejection).toBe('not_a_string');
  });
});

describe('checkReading: broken inputs throw (not the reader’s fault)', () => {
  it('throws MeteringError', () => {
    expect(reasonOf(() => check({ meter: { ...water, digits: 3 } }))).toBe('INVALID_DIGITS');
    expect(reasonOf(() => check({ meter: { ...water, multiplier: '0' } }))).toBe('INVALID_MULTIPLIER');
    expect(reasonOf(() => check({ previous: '10000' }))).toBe('INVALID_READING');
    expect(reasonOf(() => check({ previous: '-1' }))).toBe('INVALID_READING');
    expect(reasonOf(() => check({ history: ['10', '-1'] }))).toBe('INVALID_HISTORY');
    expect(reasonOf(() => check({ k: 0 }))).toBe('INVALID_THRESHOLD');
    expect(reasonOf(() => check({ n: 0 }))).toBe('INVALID_THRESHOLD');
    expect(reasonOf(() => check({ explanation: 'guess' as never }))).toBe('INVALID_READING');
  });
});

/** A reading on a dial of `digits` digits, 0–3 decimals. */
const readingOn = (digits: number) =>
  fc.bigInt({ min: 0n, max: 10n ** BigInt(digits + 3) - 1n }).map((units) => new DecimalJs(units.toString()).dividedBy(1000).toFixed());

const scenario = fc.integer({ min: 4, max: 10 }).chain((digits) =>
  fc.record({
    digits: fc.constant(digits),
    multiplier: fc.constantFrom('1', '40', '0.5', '2.5', '0.33333'),
    previous: fc.oneof(readingOn(digits), fc.constant(null)),
    current: fc.oneof(readingOn(digits), readingOn(Math.min(digits + 1, 10)), fc.constantFrom('-1', '1.2345', 'x')),
    initialReading: readingOn(digits),
    history: fc.array(fc.integer({ min: 0, max: 100_000 }).map(String), { maxLength: 5 }),
    explanation: fc.constantFrom(undefined, ...READING_EXPLANATIONS),
    oldFinal: readingOn(digits),
    newInitial: readingOn(digits),
  }),
);

describe('checkReading: properties', () => {
  it('property: usage ≥ 0 whenever ok; results are consistent', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const meter: Meter = { id: 'm', type: 'gas', digits: s.digits, multiplier: s.multiplier, initialReading: s.initialReading };
        const replacement =
          s.explanation === 'replaced' ? { oldFinal: s.oldFinal, newInitial: s.newInitial, newMultiplier: '1', newDigits: s.digits } : undefined;
        const result = checkReading({ meter, previous: s.previous, current: s.current, history: s.history, explanation: s.explanation, replacement });
        if (result.ok) {
          expect(result.rejection).toBeNull();
          if (result.usage !== null) expect(new DecimalJs(result.usage).greaterThanOrEqualTo(0)).toBe(true);
          else expect(result.needsExplanation).toBe(true);
          expect(result.needsReview).toBe(result.flags.length > 0);
        } else {
          expect(result.usage).toBeNull();
          expect(result.rejection).not.toBeNull();
          expect(result.needsReview).toBe(false);
        }
        expect(result.needsExplanation).toBe(result.ok && result.usage === null);
        // flags: unique, in the documented order
        expect(result.flags).toEqual(READING_FLAGS.filter((f) => result.flags.includes(f)));
        expect(result.flags.includes('zero_usage')).toBe(result.usage !== null && new DecimalJs(result.usage).isZero());
      }),
      { numRuns: 500 },
    );
  });

  it('property: a reading not lower than the previous one, unexplained, gets the normal usage', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const meter: Meter = { id: 'm', type: 'gas', digits: s.digits, multiplier: s.multiplier, initialReading: '0' };
        const previous = s.previous ?? '0';
        const result = checkReading({ meter, previous, current: s.current, history: s.history });
        const value = result.value;
        if (value === null || new DecimalJs(value).lessThan(previous)) return;
        expect(result.ok).toBe(true);
        expect(result.kind).toBe('normal');
        expect(result.usage).toBe(usage({ kind: 'normal', previous, current: value, multiplier: s.multiplier, digits: s.digits }));
      }),
    );
  });
});
