import { describe, expect, it } from 'vitest';
import { DomainError } from '../money';
import { METER_MAX_DIGITS, METER_MIN_DIGITS } from './dial';
import type { MeteringError } from './errors';
import { assertMeter, type Meter } from './meter';
import { isMeterType, METER_TYPE_LABELS, METER_TYPES } from './meterType';
import { reasonOf } from './test-helpers';

const meter: Meter = { id: 'm1', type: 'electricity', digits: 6, multiplier: '40', initialReading: '000123.4' };


describe('meters', () => {
  it('knows the four meter types, with labels and units', () => {
    expect(METER_TYPES).toEqual(['cold_water', 'hot_water', 'electricity', 'gas']);
    expect(isMeterType('gas')).toBe(true);
    expect(isMeterType('steam')).toBe(false);
    expect(isMeterType(undefined)).toBe(false);
    expect(METER_TYPE_LABELS.electricity).toEqual({ zh: '电表', en: 'Electricity', unit: 'kWh' });
    expect(METER_MIN_DIGITS).toBe(4);
    expect(METER_MAX_DIGITS).toBe(10);
  });

  it('accepts valid master data', () => {
    expect(() => assertMeter(meter)).not.toThrow();
    expect(() => assertMeter({ ...meter, digits: 4, initialReading: '9999.999', multiplier: '0.5' })).not.toThrow();
    expect(() => assertMeter({ ...meter, digits: 10 })).not.toThrow();
  });

  it('refuses broken master data with typed errors', () => {
    expect(reasonOf(() => assertMeter({ ...meter, id: '' }))).toBe('INVALID_METER');
    expect(reasonOf(() => assertMeter({ ...meter, type: 'steam' as Meter['type'] }))).toBe('INVALID_METER');
    expect(reasonOf(() => assertMeter(null as unknown as Meter))).toBe('INVALID_METER');
    expect(reasonOf(() => assertMeter({ ...meter, digits: 3 }))).toBe('INVALID_DIGITS');
    expect(reasonOf(() => assertMeter({ ...meter, digits: 11 }))).toBe('INVALID_DIGITS');
    expect(reasonOf(() => assertMeter({ ...meter, digits: 5.5 }))).toBe('INVALID_DIGITS');
    expect(reasonOf(() => assertMeter({ ...meter, multiplier: '0' }))).toBe('INVALID_MULTIPLIER');
    expect(reasonOf(() => assertMeter({ ...meter, multiplier: '-1' }))).toBe('INVALID_MULTIPLIER');
    expect(reasonOf(() => assertMeter({ ...meter, multiplier: '1e2' }))).toBe('INVALID_MULTIPLIER');
    expect(reasonOf(() => assertMeter({ ...meter, multiplier: 40 as unknown as string }))).toBe('INVALID_MULTIPLIER');
    expect(reasonOf(() => assertMeter({ ...meter, initialReading: '1000000' }))).toBe('INVALID_READING');
    expect(reasonOf(() => assertMeter({ ...meter, initialReading: '-1' }))).toBe('INVALID_READING');
  });

  it('MeteringError is a DomainError with code METERING_INVALID', () => {
    try {
      assertMeter({ ...meter, digits: 2 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as MeteringError).code).toBe('METERING_INVALID');
      expect((error as MeteringError).details).toMatchObject({ reason: 'INVALID_DIGITS', field: 'digits', value: 2 });
    }
  });
});
