import { describe, expect, it } from 'vitest';
import { AllocationError, DomainError, isDomainError, MoneyFormatError } from './errors';

describe('domain errors', () => {
  it('MoneyFormatError is a DomainError with a stable code and reason', () => {
    const error = new MoneyFormatError('SYNTAX', 'bad', 'x1');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('MoneyFormatError');
    expect(error.code).toBe('MONEY_FORMAT');
    expect(error.reason).toBe('SYNTAX');
    expect(error.details).toEqual({ reason: 'SYNTAX', input: 'x1' });
    expect(isDomainError(error)).toBe(true);
  });

  it('AllocationError is a DomainError with a stable code and reason', () => {
    const error = new AllocationError('NEGATIVE_WEIGHT', 'neg', { index: 2 });
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('AllocationError');
    expect(error.code).toBe('ALLOCATION_INVALID');
    expect(error.details).toEqual({ reason: 'NEGATIVE_WEIGHT', index: 2 });
  });

  it('keeps error details small for huge inputs', () => {
    const error = new MoneyFormatError('SYNTAX', 'bad', 'x'.repeat(10_000));
    expect(String(error.details?.['input']).length).toBeLessThanOrEqual(65);
  });

  it('isDomainError is false for plain errors and non-errors', () => {
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(isDomainError({ code: 'MONEY_FORMAT' })).toBe(false);
    expect(isDomainError(undefined)).toBe(false);
  });
});
