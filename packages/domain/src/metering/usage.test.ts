import Decimal from 'decimal.js';

/** Test-side arithmetic wide enough to be exact (the global decimal.js rounds to 20 digits). */
const DecimalJs = Decimal.clone({ precision: 200 });
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactUsage, type MeterReplacement, usage } from './usage';
import { reasonOf } from './test-helpers';


/** A reading on a dial of `digits` digits, with 0–3 decimals, canonical ("12.3", "0", "9999.999"). */
const readingOn = (digits: number) =>
  fc.bigInt({ min: 0n, max: 10n ** BigInt(digits + 3) - 1n }).map((units) => new DecimalJs(units.toString()).dividedBy(1000).toFixed());

/** Two ordered readings on the same dial: [low, high]. */
const orderedPair = (digits: number) =>
  fc.tuple(readingOn(digits), readingOn(digits)).map(([a, b]) => (new DecimalJs(a).lessThanOrEqualTo(b) ? [a, b] : [b, a]) as [string, string]);

/** Two readings on the same dial with the second strictly lower: [previous, current]. */
const loweredPair = (digits: number) =>
  orderedPair(digits)
    .filter(([low, high]) => low !== high)
    .map(([low, high]) => [high, low] as [string, string]);

/** Multipliers with at most 1 decimal, so usages stay within 4 decimals and no rounding happens. */
const simpleMultiplier = fc.oneof(
  fc.constantFrom('1', '40', '0.5', '2.5', '100', '200'),
  fc.integer({ min: 1, max: 100_000 }).map((tenths) => new DecimalJs(tenths).dividedBy(10).toFixed()),
);

/** Any positive multiplier with up to 6 decimals (rounding may happen). */
const anyMultiplier = fc
  .tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 6 }))
  .map(([units, scale]) => new DecimalJs(units).dividedBy(10 ** scale).toFixed());

const dialDigits = fc.integer({ min: 4, max: 10 });

describe('usage: normal', () => {
  it('is (current − previous) × multiplier, exactly', () => {
    expect(usage({ kind: 'normal', previous: '1200', current: '1285.3', multiplier: '1' })).toBe('85.3');
    expect(usage({ kind: 'normal', previous: '1200', current: '1285.3', multiplier: '1', digits: 4 })).toBe('85.3');
    expect(usage({ kind: 'normal', previous: '0.001', current: '0.002', multiplier: '1' })).toBe('0.001');
    expect(usage({ kind: 'normal', previous: '1285.3', current: '1290.125', multiplier: '1' })).toBe('4.825');
  });

  it('applies the multiplier 倍率 (40, 0.5)', () => {
    expect(usage({ kind: 'normal', previous: '1234.5', current: '1240.25', multiplier: '40', digits: 6 })).toBe('230');
    expect(usage({ kind: 'normal', previous: '100', current: '101.3', multiplier: '0.5' })).toBe('0.65');
    expect(usage({ kind: 'normal', previous: '100.001', current: '100.002', multiplier: '0.5' })).toBe('0.0005');
  });

  it('is 0 for an unchanged reading', () => {
    expect(usage({ kind: 'normal', previous: '1200.5', current: '1200.500', multiplier: '40' })).toBe('0');
  });

  it('rounds only beyond 4 decimals, once, half up', () => {
    expect(exactUsage({ kind: 'normal', previous: '0', current: '1.001', multiplier: '0.33333' }).toFixed()).toBe('0.33366333');
    expect(usage({ kind: 'normal', previous: '0', current: '1.001', multiplier: '0.33333' })).toBe('0.3337');
    expect(usage({ kind: 'normal', previous: '0', current: '1', multiplier: '0.00005' })).toBe('0.0001');
    expect(usage({ kind: 'normal', previous: '0', current: '1', multiplier: '0.00004' })).toBe('0');
    expect(usage({ kind: 'normal', previous: '0', current: '3', multiplier: '0.00005' })).toBe('0.0002');
  });

  it('refuses a lower current reading: that needs an explanation first', () => {
    expect(reasonOf(() => usage({ kind: 'normal', previous: '100', current: '99.999', multiplier: '1' }))).toBe('NEGATIVE_USAGE');
  });

  it('refuses readings that overflow the dial, and bad multipliers', () => {
    expect(reasonOf(() => usage({ kind: 'normal', previous: '100', current: '12345', multiplier: '1', digits: 4 }))).toBe('INVALID_READING');
    expect(reasonOf(() => usage({ kind: 'normal', previous: '100', current: '1.2345', multiplier: '1' }))).toBe('INVALID_READING');
    expect(reasonOf(() => usage({ kind: 'normal', previous: '-1', current: '1', multiplier: '1' }))).toBe('INVALID_READING');
    expect(reasonOf(() => usage({ kind: 'normal', previous: '1', current: '2', multiplier: '0' }))).toBe('INVALID_MULTIPLIER');
    expect(reasonOf(() => usage({ kind: 'normal', previous: '1', current: '2', multiplier: 'x' }))).toBe('INVALID_MULTIPLIER');
    expect(reasonOf(() => usage({ kind: 'normal', previous: '1', current: '2', multiplier: '1', digits: 12 }))).toBe('INVALID_DIGITS');
    expect(reasonOf(() => usage({ kind: 'bogus' } as never))).toBe('INVALID_KIND');
    expect(reasonOf(() => usage(null as never))).toBe('INVALID_KIND');
  });
});

describe('usage: rollover 翻表', () => {
  it('is (10^digits − previous + current) × multiplier', () => {
    expect(usage({ kind: 'rollover', previous: '9990', current: '15', multiplier: '1', digits: 4 })).toBe('25');
    expect(usage({ kind: 'rollover', previous: '9990', current: '15', multiplier: '40', digits: 4 })).toBe('1000');
    expect(usage({ kind: 'rollover', previous: '99998.5', current: '0.25', multiplier: '1', digits: 5 })).toBe('1.75');
    expect(usage({ kind: 'rollover', previous: '9999999990', current: '5', multiplier: '1', digits: 10 })).toBe('15');
  });

  it('at the exact boundary: 9999 → 0 is one unit, 9999.999 → 0 is 0.001', () => {
    expect(usage({ kind: 'rollover', previous: '9999', current: '0', multiplier: '1', digits: 4 })).toBe('1');
    expect(usage({ kind: 'rollover', previous: '9999.999', current: '0', multiplier: '1', digits: 4 })).toBe('0.001');
    expect(usage({ kind: 'rollover', previous: '9999.999', current: '0', multiplier: '40', digits: 4 })).toBe('0.04');
    // 10000 is not on a 4-digit dial: it shows 0000
    expect(reasonOf(() => usage({ kind: 'rollover', previous: '9999', current: '10000', multiplier: '1', digits: 4 }))).toBe('INVALID_READING');
  });

  it('is refused when the dial did not go down, or without digits', () => {
    expect(reasonOf(() => usage({ kind: 'rollover', previous: '100', current: '100', multiplier: '1', digits: 4 }))).toBe('NOT_A_ROLLOVER');
    expect(reasonOf(() => usage({ kind: 'rollover', previous: '100', current: '150', multiplier: '1', digits: 4 }))).toBe('NOT_A_ROLLOVER');
    expect(reasonOf(() => usage({ kind: 'rollover', previous: '100', current: '50', multiplier: '1' } as never))).toBe('INVALID_DIGITS');
  });
});

describe('usage: replaced 换表', () => {
  const replacement: MeterReplacement = { oldFinal: '1250.5', newInitial: '0', newMultiplier: '1', newDigits: 5 };

  it('is (oldFinal − previous) × oldMultiplier + (current − newInitial) × newMultiplier', () => {
    expect(usage({ kind: 'replaced', previous: '1200', current: '30.2', multiplier: '1', digits: 4, replacement })).toBe('80.7');
    // a ×40 CT meter replaced by a direct ×1 meter
    expect(usage({ kind: 'replaced', previous: '1200', current: '30.2', multiplier: '40', digits: 4, replacement })).toBe('2050.2');
    // new meter installed showing 12.5, new multiplier 0.5
    expect(
      usage({ kind: 'replaced', previous: '1200', current: '20.5', multiplier: '1', replacement: { ...replacement, newInitial: '12.5', newMultiplier: '0.5' } }),
    ).toBe('54.5');
    // nothing used on either meter
    expect(usage({ kind: 'replaced', previous: '1250.5', current: '0', multiplier: '1', replacement })).toBe('0');
  });

  it('reads current and newInitial on the new dial, previous and oldFinal on the old one', () => {
    expect(usage({ kind: 'replaced', previous: '9000', current: '123456', multiplier: '1', digits: 4, replacement: { ...replacement, oldFinal: '9000', newDigits: 6 } })).toBe('123456');
    expect(reasonOf(() => usage({ kind: 'replaced', previous: '9000', current: '123456', multiplier: '1', digits: 4, replacement: { ...replacement, oldFinal: '9000' } }))).toBe('INVALID_READING');
    expect(reasonOf(() => usage({ kind: 'replaced', previous: '9000', current: '1', multiplier: '1', digits: 4, replacement: { ...replacement, oldFinal: '10000' } }))).toBe('INVALID_READING');
  });

  it('refuses negative parts and incomplete replacement data', () => {
    expect(reasonOf(() => usage({ kind: 'replaced', previous: '1300', current: '30', multiplier: '1', replacement }))).toBe('NEGATIVE_USAGE');
    expect(reasonOf(() => usage({ kind: 'replaced', previous: '1200', current: '30', multiplier: '1', replacement: { ...replacement, newInitial: '31' } }))).toBe('NEGATIVE_USAGE');
    expect(reasonOf(() => usage({ kind: 'replaced', previous: '1200', current: '30', multiplier: '1', replacement: { ...replacement, newDigits: 3 } }))).toBe('INVALID_DIGITS');
    expect(reasonOf(() => usage({ kind: 'replaced', previous: '1200', current: '30', multiplier: '1', replacement: { ...replacement, newMultiplier: '0' } }))).toBe('INVALID_MULTIPLIER');
    expect(reasonOf(() => usage({ kind: 'replaced', previous: '1200', current: '30', multiplier: '1' } as never))).toBe('INVALID_READING');
  });
});

describe('usage: properties', () => {
  it('property: never negative, at most 4 decimals, and exact unless the exact value has more', () => {
    fc.assert(
      fc.property(dialDigits.chain((d) => fc.tuple(fc.constant(d), orderedPair(d))), anyMultiplier, ([digits, [previous, current]], multiplier) => {
        const result = usage({ kind: 'normal', previous, current, multiplier, digits });
        expect(result).toMatch(/^\d+(\.\d{1,4})?$/);
        const exact = new DecimalJs(current).minus(previous).times(multiplier);
        if (exact.decimalPlaces() <= 4) expect(result).toBe(exact.toFixed());
        else expect(exact.minus(result).abs().lessThanOrEqualTo('0.00005')).toBe(true);
      }),
    );
  });

  it('property: a rollover usage is the normal usage of the unrolled values (current + 10^digits)', () => {
    fc.assert(
      fc.property(dialDigits.chain((d) => fc.tuple(fc.constant(d), loweredPair(d))), anyMultiplier, ([digits, [previous, current]], multiplier) => {
        const unrolled = new DecimalJs(current).plus(new DecimalJs(10).pow(digits)).toFixed();
        expect(usage({ kind: 'rollover', previous, current, multiplier, digits })).toBe(
          usage({ kind: 'normal', previous, current: unrolled, multiplier }),
        );
      }),
    );
  });

  it("property: a replacement's usage is the sum of the two meters' usages", () => {
    fc.assert(
      fc.property(
        dialDigits.chain((d) => fc.tuple(fc.constant(d), orderedPair(d))),
        dialDigits.chain((d) => fc.tuple(fc.constant(d), orderedPair(d))),
        simpleMultiplier,
        simpleMultiplier,
        ([digits, [previous, oldFinal]], [newDigits, [newInitial, current]], multiplier, newMultiplier) => {
          const replaced = usage({ kind: 'replaced', previous, current, multiplier, digits, replacement: { oldFinal, newInitial, newMultiplier, newDigits } });
          const oldPart = usage({ kind: 'normal', previous, current: oldFinal, multiplier, digits });
          const newPart = usage({ kind: 'normal', previous: newInitial, current, multiplier: newMultiplier, digits: newDigits });
          expect(new DecimalJs(replaced).equals(new DecimalJs(oldPart).plus(newPart))).toBe(true);
        },
      ),
    );
  });

  it('property: with any multipliers, the replacement (rounded once) is within 0.0001 of the sum of the rounded parts', () => {
    fc.assert(
      fc.property(orderedPair(6), orderedPair(6), anyMultiplier, anyMultiplier, ([previous, oldFinal], [newInitial, current], multiplier, newMultiplier) => {
        const replaced = usage({ kind: 'replaced', previous, current, multiplier, replacement: { oldFinal, newInitial, newMultiplier, newDigits: 6 } });
        const parts = new DecimalJs(usage({ kind: 'normal', previous, current: oldFinal, multiplier })).plus(
          usage({ kind: 'normal', previous: newInitial, current, multiplier: newMultiplier }),
        );
        expect(parts.minus(replaced).abs().lessThanOrEqualTo('0.0001')).toBe(true);
      }),
    );
  });

  it('property: scaling the multiplier scales the usage (normal, rollover, replaced)', () => {
    fc.assert(
      fc.property(
        dialDigits.chain((d) => fc.tuple(fc.constant(d), orderedPair(d), loweredPair(d))),
        simpleMultiplier,
        fc.integer({ min: 1, max: 1000 }),
        ([digits, [low, high], [previous, lowered]], multiplier, factor) => {
          const scaledMultiplier = new DecimalJs(multiplier).times(factor).toFixed();
          const scales = (a: string, b: string) => expect(new DecimalJs(b).equals(new DecimalJs(a).times(factor))).toBe(true);
          scales(
            usage({ kind: 'normal', previous: low, current: high, multiplier, digits }),
            usage({ kind: 'normal', previous: low, current: high, multiplier: scaledMultiplier, digits }),
          );
          scales(
            usage({ kind: 'rollover', previous, current: lowered, multiplier, digits }),
            usage({ kind: 'rollover', previous, current: lowered, multiplier: scaledMultiplier, digits }),
          );
          const replacement = { oldFinal: high, newInitial: '0', newDigits: 10 };
          scales(
            usage({ kind: 'replaced', previous: low, current: lowered, multiplier, digits, replacement: { ...replacement, newMultiplier: multiplier } }),
            usage({ kind: 'replaced', previous: low, current: lowered, multiplier: scaledMultiplier, digits, replacement: { ...replacement, newMultiplier: scaledMultiplier } }),
          );
        },
      ),
    );
  });
});
