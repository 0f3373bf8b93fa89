import { describe, expect, it } from 'vitest';
import { openWorkOrder } from './openWorkOrder';
import { workOrderPolicy } from './policy';

const resident = { kind: 'resident' as const, id: 'r1' };
const cs = { kind: 'customer_service' as const, id: 'cs1' };
const base = { id: 'wo-1', submittedAt: '2025-03-03T09:00:00+08:00', description: ' 电梯困人 ' };

describe('openWorkOrder', () => {
  it('opens a repair with the category’s priority and the deadlines from submission', () => {
    const opened = openWorkOrder({ ...base, kind: 'repair', category: 'elevator', location: 'common_area' }, resident);
    expect(opened).toMatchObject({
      ok: true,
      order: {
        id: 'wo-1',
        kind: 'repair',
        state: 'submitted',
        category: 'elevator',
        priority: 'high',
        location: 'common_area',
        unitId: null,
        description: '电梯困人',
        reporterId: 'r1',
        reportedBy: 'resident',
        submittedAt: '2025-03-03T01:00:00.000Z',
        responseDueAt: '2025-03-03T02:00:00.000Z', // high: 1 h
        completeDueAt: '2025-03-04T01:00:00.000Z', // high: 24 h
        reopenCount: 0,
        escalationLevel: 0,
      },
      event: { command: 'submit', from: null, to: 'submitted', actor: { kind: 'resident', id: 'r1' } },
    });
  });

  it('lets staff choose the priority, not the resident', () => {
    const urgent = openWorkOrder({ ...base, kind: 'repair', category: 'water_electric', location: 'unit', unitId: 'u1', priority: 'urgent' }, cs);
    expect(urgent).toMatchObject({ ok: true, order: { priority: 'urgent', responseDueAt: '2025-03-03T01:30:00.000Z', reportedBy: 'customer_service' } });
    const byResident = openWorkOrder({ ...base, kind: 'repair', category: 'water_electric', location: 'unit', unitId: 'u1', priority: 'urgent' }, resident);
    expect(byResident).toMatchObject({ ok: false, code: 'invalid_fields', details: { fields: [{ field: 'priority', reason: 'unexpected' }] } });
  });

  it('keeps internal jobs to staff and complaints away from technicians', () => {
    expect(openWorkOrder({ ...base, kind: 'internal', category: 'greenery', location: 'common_area' }, resident)).toMatchObject({
      ok: false,
      code: 'not_allowed',
      details: { allowed: ['customer_service', 'technician', 'manager'] },
    });
    expect(openWorkOrder({ ...base, kind: 'internal', category: 'greenery', location: 'common_area' }, { kind: 'technician', id: 't1' }).ok).toBe(true);
    expect(openWorkOrder({ ...base, kind: 'complaint', category: 'noise' }, { kind: 'technician', id: 't1' })).toMatchObject({ code: 'not_allowed' });
  });

  it('needs a location for repairs, a unit for in-unit work and every paid service', () => {
    expect(openWorkOrder({ ...base, kind: 'repair', category: 'water_electric' }, resident)).toMatchObject({ code: 'missing_fields', details: { fields: ['location'] } });
    expect(openWorkOrder({ ...base, kind: 'repair', category: 'water_electric', location: 'unit' }, resident)).toMatchObject({
      code: 'missing_fields',
      details: { fields: ['unitId'] },
    });
    const paid = openWorkOrder({ ...base, kind: 'paid_service', category: 'housekeeping', unitId: 'u1' }, resident);
    expect(paid).toMatchObject({ ok: true, order: { location: 'unit', unitId: 'u1', priority: 'low' } });
    expect(openWorkOrder({ ...base, kind: 'paid_service', category: 'housekeeping' }, resident)).toMatchObject({ code: 'missing_fields', details: { fields: ['unitId'] } });
    expect(openWorkOrder({ ...base, kind: 'complaint', category: 'noise' }, resident)).toMatchObject({ ok: true, order: { location: null } });
  });

  it('refuses a category of another kind, a bad time, an unknown kind', () => {
    expect(openWorkOrder({ ...base, kind: 'repair', category: 'noise', location: 'common_area' }, resident)).toMatchObject({
      code: 'invalid_fields',
      details: { fields: [{ field: 'category', reason: 'unknown_category' }] },
    });
    expect(openWorkOrder({ ...base, kind: 'complaint', category: 'noise', submittedAt: '2025-03-03 09:00' }, resident)).toMatchObject({
      code: 'invalid_fields',
      details: { fields: [{ field: 'submittedAt', reason: 'not_an_instant' }] },
    });
    expect(openWorkOrder({ ...base, kind: 'cleaning' as never, category: 'noise' }, resident)).toMatchObject({ code: 'invalid_fields' });
    expect(openWorkOrder({ ...base, kind: 'complaint', category: 'noise', description: '   ' }, resident)).toMatchObject({
      code: 'invalid_fields',
      details: { fields: [{ field: 'description', reason: 'empty' }] },
    });
  });

  it('uses the estate’s categories and windows', () => {
    const policy = workOrderPolicy({
      slas: { normal: { responseMinutes: 60, completeMinutes: 600 } },
      categories: [{ code: 'gate', zh: '门禁', en: 'Gate access', kinds: ['repair'], defaultPriority: 'normal' }],
    });
    expect(openWorkOrder({ ...base, kind: 'repair', category: 'gate', location: 'common_area' }, resident, policy)).toMatchObject({
      ok: true,
      order: { responseDueAt: '2025-03-03T02:00:00.000Z', completeDueAt: '2025-03-03T11:00:00.000Z' },
    });
    expect(openWorkOrder({ ...base, kind: 'repair', category: 'water_electric', location: 'common_area' }, resident, policy).ok).toBe(false);
  });
});
