import { describe, expect, it } from 'vitest';
import { isMainlandMobile, maskPhone } from './phone';

describe('phone', () => {
  it('accepts 11-digit mainland mobiles only', () => {
    for (const ok of ['13800138000', '19912345678', '15000000000']) expect(isMainlandMobile(ok)).toBe(true);
    for (const bad of ['', '1380013800', '138001380001', '12800138000', '23800138000', '1380013800a', ' 13800138000'])
      expect(isMainlandMobile(bad)).toBe(false);
  });

  it('masks the middle four digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('abc')).toBe('abc');
  });
});
