import { describe, expect, it } from 'vitest';
import { amountLimit, amountProblem, isLateFee, kindOf, needsApproval, reasonProblem, wireAmount } from './correction-form';

describe('correction form rules', () => {
  it('takes a positive amount with at most two decimals, up to the limit', () => {
    expect(amountProblem('')).toBe('required');
    expect(amountProblem('  ')).toBe('required');
    expect(amountProblem('12.345')).toBe('format');
    expect(amountProblem('-5')).toBe('format');
    expect(amountProblem('1e3')).toBe('format');
    expect(amountProblem('0')).toBe('zero');
    expect(amountProblem('0.00')).toBe('zero');
    expect(amountProblem('0.01')).toBeNull();
    expect(amountProblem('210.02', '210.02')).toBeNull();
    // 210.03 > 210.02 exactly, not by float luck
    expect(amountProblem('210.03', '210.02')).toBe('tooMuch');
    expect(amountProblem('0.3', '0.30')).toBeNull();
  });

  it('wants a reason of 1–200 characters without markup', () => {
    expect(reasonProblem(' ')).toBe('required');
    expect(reasonProblem('面积测量有误')).toBeNull();
    expect(reasonProblem('减'.repeat(200))).toBeNull();
    expect(reasonProblem('减'.repeat(201))).toBe('tooLong');
    expect(reasonProblem('<b>x</b>')).toBe('chars');
    expect(reasonProblem('a -- b')).toBe('chars');
  });

  it('sends two decimals, negative for a downward adjustment', () => {
    expect(wireAmount('20')).toBe('20.00');
    expect(wireAmount(' 20.5 ', 'down')).toBe('-20.50');
    expect(wireAmount('0.1', 'up')).toBe('0.10');
  });

  it('limits a discount or a downward adjustment to what is owed, a refund to the prepaid balance', () => {
    expect(amountLimit('discount', 'up', '10.00', '300.00')).toBe('10.00');
    expect(amountLimit('adjust', 'down', '10.00', '300.00')).toBe('10.00');
    expect(amountLimit('adjust', 'up', '10.00', '300.00')).toBeNull();
    expect(amountLimit('refund', 'up', undefined, '300.00')).toBe('300.00');
  });

  it('calls a discount of a late fee a waiver', () => {
    expect(isLateFee({ source: 'penalty' })).toBe(true);
    expect(isLateFee({ source: 'billing' })).toBe(false);
    expect(isLateFee({ source: 'opening' })).toBe(false);
    expect(kindOf('discount', true)).toBe('waiver');
    expect(kindOf('discount', false)).toBe('discount');
    expect(kindOf('adjust', true)).toBe('adjustment');
    expect(kindOf('refund', false)).toBe('refund');
  });

  it('needs approval only above the threshold, by the absolute amount', () => {
    expect(needsApproval('500.00', '500.00')).toBe(false);
    expect(needsApproval('500.01', '500.00')).toBe(true);
    expect(needsApproval('-600', '500.00')).toBe(true);
    expect(needsApproval('600', null)).toBe(false);
  });
});
