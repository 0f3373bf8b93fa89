// The pure parts of the board, intake and settings screens: filters, intake checks and body, settings round trip.
import { describe, expect, it } from 'vitest';
import { listFilter } from './board-filters';
import { categoriesFor, emptyIntake, intakeBody, intakeProblems, slaPreview } from './intake-form';
import { newPriceCode, settingsProblems, toForm, toInput } from './settings-form';
import { ESTATE, makeSettings, TECH_A, UNIT_ID } from './test-data';

describe('board filters', () => {
  const base = { filter: 'open' as const, followUp: 'completed' as const, assigneeId: null, q: '' };
  it('asks the list for what each chip counts', () => {
    expect(listFilter(base)).toEqual({ view: 'all', state: 'open', q: undefined });
    expect(listFilter({ ...base, filter: 'unassigned', q: ' 1-101 ' })).toEqual({ view: 'unassigned', q: '1-101' });
    expect(listFilter({ ...base, filter: 'atRisk' })).toEqual({ view: 'at_risk', q: undefined });
    expect(listFilter({ ...base, filter: 'onHold' })).toEqual({ view: 'all', state: 'on_hold', q: undefined });
    expect(listFilter({ ...base, filter: 'awaitingFollowUp', followUp: 'responded' })).toEqual({ view: 'all', state: 'responded', q: undefined });
  });
  it('a technician picked shows their open orders, whatever the chip', () => {
    expect(listFilter({ ...base, filter: 'overdue', assigneeId: TECH_A.id })).toEqual({ view: 'all', state: 'open', assigneeId: TECH_A.id, q: undefined });
  });
});

describe('intake', () => {
  const settings = makeSettings();

  it('offers the estate’s active categories for the kind', () => {
    expect(categoriesFor(settings, 'complaint').map((c) => c.code)).toContain('noise');
    expect(categoriesFor(settings, 'repair').map((c) => c.code)).not.toContain('noise');
    // greenery is switched off in this estate
    expect(categoriesFor(settings, 'complaint').map((c) => c.code)).not.toContain('greenery');
  });

  it('previews the deadlines: the category’s own, else its priority’s', () => {
    expect(slaPreview({ category: 'elevator', priority: '' }, settings)).toEqual({ responseMinutes: 15, completeMinutes: 120 });
    expect(slaPreview({ category: 'water_electric', priority: '' }, settings)).toEqual({ responseMinutes: 120, completeMinutes: 2880 });
    expect(slaPreview({ category: 'water_electric', priority: 'urgent' }, settings)).toEqual({ responseMinutes: 30, completeMinutes: 240 });
  });

  it('needs a category, a unit for a unit repair and a description', () => {
    const d = emptyIntake();
    expect(intakeProblems(d, settings)).toEqual({ category: 'required', unitId: 'required', description: 'required' });
    d.category = 'noise'; // a complaint category, not a repair one
    d.contactPhone = '12ab';
    expect(intakeProblems(d, settings)).toMatchObject({ category: 'inactive', contactPhone: 'bad_phone' });
    d.location = 'common_area';
    d.category = 'public_facilities';
    d.description = '大堂灯不亮';
    d.contactPhone = '';
    expect(intakeProblems(d, settings)).toEqual({});
  });

  it('builds the body: paid services are in the unit, the priority only when chosen, anonymity only for complaints', () => {
    const d = { ...emptyIntake(), kind: 'paid_service' as const, location: null, unitId: UNIT_ID, category: 'appliance', description: ' 空调不制冷 ', contactName: ' 张伟 ', contactPhone: '13800001111', anonymous: true, partyId: 'p1' };
    expect(intakeBody('id-1', ESTATE.id, d)).toEqual({
      id: 'id-1',
      estateId: ESTATE.id,
      kind: 'paid_service',
      category: 'appliance',
      description: '空调不制冷',
      location: 'unit',
      unitId: UNIT_ID,
      contactName: '张伟',
      contactPhone: '13800001111',
      partyId: 'p1',
    });
    const complaint = { ...emptyIntake(), kind: 'complaint' as const, location: null, category: 'noise', priority: 'high' as const, description: '夜间施工', anonymous: true };
    expect(intakeBody('id-2', ESTATE.id, complaint)).toEqual({ id: 'id-2', estateId: ESTATE.id, kind: 'complaint', category: 'noise', priority: 'high', description: '夜间施工', anonymous: true });
  });
});

describe('settings form', () => {
  it('round-trips the settings unchanged', () => {
    const s = makeSettings();
    const { estateId: _estate, ...input } = s;
    const form = toForm(s);
    expect(settingsProblems(form)).toEqual({});
    expect(toInput(form)).toEqual(input);
  });

  it('checks the windows, the share, the days and the prices', () => {
    const form = toForm(makeSettings());
    form.slas.urgent.responseMinutes = '300'; // longer than completing (240)
    form.slas.low.completeMinutes = '1.5';
    const elevator = form.categories.find((c) => c.code === 'elevator')!;
    elevator.completeMinutes = '';
    form.atRiskPct = '100';
    form.surveyDays = '0';
    form.reopenWindowDays = '0';
    form.priceList.push({ code: newPriceCode(form.priceList), name: '疏通', price: '20.555', unit: '次' });
    expect(settingsProblems(form)).toEqual({
      'sla.urgent': 'order',
      'sla.low': 'minutes',
      'category.elevator': 'pair',
      atRisk: 'percent',
      surveyDays: 'days',
      'price.2': 'price',
    });
    expect(form.priceList[2]!.code).toBe('p3');
  });

  it('sends prices on the fen and a category without own windows as nulls', () => {
    const form = toForm(makeSettings());
    form.priceList[0]!.price = '30';
    form.atRiskPct = '20';
    const input = toInput(form);
    expect(input.priceList[0]!.price).toBe('30.00');
    expect(input.atRiskShare).toBe(0.2);
    expect(input.categories.find((c) => c.code === 'pipes')).toMatchObject({ responseMinutes: null, completeMinutes: null });
  });
});
