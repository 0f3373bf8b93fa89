import { describe, expect, it } from 'vitest';
import * as domain from './index';

describe('@pm/domain public surface', () => {
  it('re-exports the money module', () => {
    for (const name of [
      'parseMoney',
      'isMoneyString',
      'toDecimal',
      'add',
      'subtract',
      'sum',
      'multiply',
      'negate',
      'compare',
      'isZero',
      'isNegative',
      'toMoneyString',
      'roundToFen',
      'roundTo',
      'formatYuan',
      'parseYuan',
      'allocate',
      'allocateEvenly',
      'toChineseCapital',
      'DomainError',
      'MoneyFormatError',
      'AllocationError',
      'MoneyDecimal',
    ]) {
      expect(typeof (domain as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('works end to end on a charge line', () => {
    const raw = domain.multiply(domain.multiply('89.37', '2.35'), '1');
    const line = domain.roundToFen(raw);
    expect(line).toBe('210.02');
    expect(domain.formatYuan(line)).toBe('¥210.02');
    expect(domain.toChineseCapital(line)).toBe('贰佰壹拾元零贰分');
    expect(domain.allocate(line, ['1', '1', '1'])).toEqual(['70.01', '70.01', '70.00']);
  });
});
