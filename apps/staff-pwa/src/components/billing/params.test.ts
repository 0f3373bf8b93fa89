import { describe, expect, it } from 'vitest';
import { describeAssignments, describeParams, emptyParamsForm, paramsFormFrom, paramsFrom, paramsProblems } from './params';

const zh: Record<string, string> = {
  'billing.describe.area': '按{basis} {price}/m²·月',
  'billing.describe.fixed': '每户每期 {amount}',
  'billing.describe.metered': '{meter} {price}/{unit}',
  'billing.describe.shared': '{meter}公摊，按{basis}分摊，{price}/{unit}',
  'billing.areaBasis.building_area': '建筑面积',
  'billing.shareBasis.household': '户数',
  'billing.meterType.electricity': '电',
  'billing.meterUnit.electricity': 'kWh',
  'billing.standards.wholeEstate': '全项目',
  'billing.standards.units': '房屋：{names}',
  'billing.standards.unassigned': '未指定',
  'billing.describe.tierSep': '；',
  'common.sep': '、',
};
const t = (key: string, named: Record<string, unknown> = {}) => (zh[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(named[k]));

describe('fee-standard params', () => {
  it('turns the form into the params of each kind', () => {
    const form = { ...emptyParamsForm(), unitPrice: ' 2.35 ', amount: '50.00', price: '1.2', meterType: 'electricity' as const, basis: 'household' as const };
    expect(paramsFrom('area', form)).toEqual({ unitPrice: '2.35', areaBasis: 'building_area' });
    expect(paramsFrom('fixed', form)).toEqual({ amount: '50.00' });
    expect(paramsFrom('metered', form)).toEqual({ meterType: 'electricity', price: '1.2' });
    expect(paramsFrom('shared', form)).toEqual({ meterType: 'electricity', basis: 'household', price: '1.2' });
  });

  it('round-trips tiers through the form', () => {
    const params = { meterType: 'cold_water' as const, tiers: [{ upTo: '180', price: '5' }, { upTo: null, price: '7' }] };
    const form = paramsFormFrom('metered', params);
    expect(form.pricing).toBe('tiers');
    expect(paramsFrom('metered', form)).toEqual(params);
    expect(paramsProblems('metered', form)).toEqual({});
  });

  it('finds what is wrong before anything is sent', () => {
    const form = emptyParamsForm();
    expect(paramsProblems('area', form)).toEqual({ unitPrice: 'billing.params.priceInvalid' });
    expect(paramsProblems('fixed', { ...form, amount: '50.001' })).toEqual({ amount: 'billing.params.amountInvalid' });
    expect(paramsProblems('fixed', { ...form, amount: '0' })).toEqual({ amount: 'billing.params.amountInvalid' });
    expect(paramsProblems('shared', { ...form, price: '0.1234567' })).toEqual({ price: 'billing.params.priceInvalid' });
    const tiers = { ...form, pricing: 'tiers' as const, tiers: [{ upTo: '', price: '5' }, { upTo: '', price: '7' }] };
    expect(paramsProblems('metered', tiers)).toEqual({ tiers: 'billing.params.tierBoundInvalid' });
    expect(paramsProblems('metered', { ...tiers, tiers: [{ upTo: '200', price: '5' }, { upTo: '100', price: '6' }, { upTo: '', price: '7' }] })).toEqual({
      tiers: 'billing.params.tiersNotIncreasing',
    });
  });

  it('says a standard in words', () => {
    expect(describeParams(t, 'area', { unitPrice: '2.35', areaBasis: 'building_area' })).toBe('按建筑面积 ¥2.35/m²·月');
    expect(describeParams(t, 'fixed', { amount: '1200' })).toBe('每户每期 ¥1,200.00');
    expect(describeParams(t, 'shared', { meterType: 'electricity', basis: 'household', price: '0.5883' })).toBe('电公摊，按户数分摊，¥0.5883/kWh');
    expect(describeAssignments(t, [])).toBe('未指定');
    expect(describeAssignments(t, [{ targetKind: 'unit', targetId: 'u', targetName: '1栋 1-101' }])).toBe('房屋：1栋 1-101');
  });
});
