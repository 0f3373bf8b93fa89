import { beforeEach, describe, expect, it } from 'vitest';
import { batchKey, deliveryIds, markDelivered } from './delivery-ids';

const DAY = 24 * 60 * 60 * 1000;

describe('delivery ids', () => {
  beforeEach(() => localStorage.clear());

  it('gives each unit one id per batch, the same on every call', () => {
    const key = batchKey(['node-1', undefined, '2026-10-31', '2026-11-15', 1]);
    const first = deliveryIds(key, ['u1', 'u2']);
    expect(Object.keys(first.ids)).toEqual(['u1', 'u2']);
    expect(first.ids.u1).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.ids.u1).not.toBe(first.ids.u2);
    const again = deliveryIds(key, ['u1', 'u2', 'u3']);
    expect(again.ids.u1).toBe(first.ids.u1);
    expect(again.ids.u2).toBe(first.ids.u2);
    expect(again.ids.u3).toBeDefined();
    // another batch (another pay-by date) gets its own ids
    const other = deliveryIds(batchKey(['node-1', undefined, '2026-10-31', '2026-12-31', 1]), ['u1']);
    expect(other.ids.u1).not.toBe(first.ids.u1);
  });

  it('remembers which units the server confirmed', () => {
    const key = batchKey(['n']);
    deliveryIds(key, ['u1', 'u2']);
    markDelivered(key, 'u2');
    markDelivered(key, 'u2');
    expect([...deliveryIds(key, ['u1', 'u2']).done]).toEqual(['u2']);
  });

  it('forgets batches older than two weeks', () => {
    const now = Date.now();
    const old = batchKey(['old']);
    const first = deliveryIds(old, ['u1'], now - 15 * DAY);
    deliveryIds(batchKey(['new']), ['u1'], now);
    expect(deliveryIds(old, ['u1'], now).ids.u1).not.toBe(first.ids.u1);
  });
});
