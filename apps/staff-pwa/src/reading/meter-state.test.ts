import { describe, expect, it } from 'vitest';
import type { OutboxCommand } from '../offline';
import { meterViews, needsReading, routeProgress } from './meter-state';
import type { ReadingPayload, RouteMeter, ServerReading } from './types';

const meter = (id: string, extra: Partial<RouteMeter> = {}): RouteMeter =>
  ({
    id,
    estateId: 'e',
    estateName: '翠湖花园',
    unitId: `u-${id}`,
    unitNumber: `1-${id}`,
    buildingName: '1栋',
    scope: 'unit',
    type: 'cold_water',
    serial: `W-${id}`,
    code: `PM-W-${id}`,
    multiplier: '1',
    digits: 5,
    installDate: null,
    initialReading: '0',
    state: 'active',
    position: Number(id),
    floor: 1,
    previous: '100',
    history: [],
    ...extra,
  }) as RouteMeter;

const server = (id: string, meterId: string, status: string, takenAt: string, value = '110'): ServerReading => ({ id, meterId, status, takenAt, value, flags: [] });

function command(id: string, meterId: string, status: OutboxCommand['status'], at: string, extra: Partial<OutboxCommand<ReadingPayload>> = {}): OutboxCommand<ReadingPayload> {
  return {
    id,
    type: 'reading.record',
    payload: { meterId, routeId: 'r1', period: '2026-11', value: '120' },
    at,
    createdAt: at,
    status,
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    result: null,
    rejection: null,
    syncedAt: null,
    group: 'r1',
    ...extra,
  };
}

const T1 = '2026-11-20T01:00:00.000Z';
const T2 = '2026-11-21T01:00:00.000Z';

describe('meterViews (server state merged with the outbox)', () => {
  it('unread, server approved, flagged and sent back', () => {
    const views = meterViews({
      meters: [meter('1'), meter('2'), meter('3'), meter('4', { sentBackReason: '照片看不清' })],
      period: '2026-11',
      serverReadings: [server('a', '2', 'approved', T1), server('b', '3', 'pending_review', T1), server('c', '4', 'sent_back', T1)],
      commands: [],
    });
    expect(views.map((v) => v.state)).toEqual(['unread', 'done', 'flagged', 'sent_back']);
    expect(views[3]?.reason).toBe('照片看不清');
  });

  it('a local reading not yet synced is pending and wins over an older server reading; never overwritten by a pull', () => {
    const views = meterViews({
      meters: [meter('1')],
      period: '2026-11',
      serverReadings: [server('old', '1', 'sent_back', T1)],
      commands: [command('new', '1', 'pending', T2)],
    });
    expect(views[0]).toMatchObject({ state: 'pending', value: '120', commandId: 'new' });
  });

  it('a synced command shows the server answer, and a later review of that same reading from a download', () => {
    const synced = command('x', '1', 'synced', T1, { result: { id: 'x', status: 'pending_review' } as never });
    expect(meterViews({ meters: [meter('1')], period: '2026-11', serverReadings: [], commands: [synced] })[0]?.state).toBe('flagged');
    expect(meterViews({ meters: [meter('1')], period: '2026-11', serverReadings: [server('x', '1', 'approved', T1)], commands: [synced] })[0]?.state).toBe('done');
    expect(meterViews({ meters: [meter('1')], period: '2026-11', serverReadings: [server('x', '1', 'sent_back', T1)], commands: [synced] })[0]?.state).toBe('sent_back');
  });

  it('a newer server reading (a correction in the office) beats an older local one', () => {
    const views = meterViews({
      meters: [meter('1')],
      period: '2026-11',
      serverReadings: [server('office', '1', 'approved', T2, '130')],
      commands: [command('phone', '1', 'synced', T1, { result: { id: 'phone', status: 'pending_review' } as never })],
    });
    expect(views[0]).toMatchObject({ state: 'done', value: '130', commandId: null });
  });

  it('rejected keeps the reason; commands of other periods and types are ignored', () => {
    const rejected = command('r', '1', 'rejected', T1, { rejection: { code: 'not_your_route', message: '这不是您的抄表路线' } });
    const otherPeriod = command('o', '2', 'pending', T1, { payload: { meterId: '2', routeId: 'r1', period: '2026-10', value: '1' } });
    const otherType = { ...command('w', '2', 'pending', T1), type: 'workorder.transition' };
    const views = meterViews({ meters: [meter('1'), meter('2')], period: '2026-11', serverReadings: [], commands: [rejected, otherPeriod, otherType] });
    expect(views[0]).toMatchObject({ state: 'rejected', reason: '这不是您的抄表路线' });
    expect(views[1]?.state).toBe('unread');
  });

  it('the newest local command of a meter wins', () => {
    const views = meterViews({
      meters: [meter('1')],
      period: '2026-11',
      serverReadings: [],
      commands: [command('b', '1', 'pending', T2), command('a', '1', 'rejected', T1)],
    });
    expect(views[0]?.commandId).toBe('b');
  });
});

describe('routeProgress', () => {
  it('counts read, to read and the states needing attention', () => {
    const views = meterViews({
      meters: ['1', '2', '3', '4', '5', '6'].map((id) => meter(id)),
      period: '2026-11',
      serverReadings: [server('a', '2', 'approved', T1), server('b', '3', 'pending_review', T1), server('c', '4', 'sent_back', T1)],
      commands: [command('p', '5', 'pending', T1), command('r', '6', 'rejected', T1)],
    });
    expect(routeProgress(views)).toEqual({ total: 6, read: 3, toRead: 3, flagged: 1, pending: 1, rejected: 1, sentBack: 1 });
    expect(views.filter(needsReading).map((v) => v.meter.id)).toEqual(['1', '4', '6']);
  });
});
