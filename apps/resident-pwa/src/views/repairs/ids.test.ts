import { ApiError } from '@pm/web/api';
import { describe, expect, it } from 'vitest';
import { newId, PendingIds, wasAnswered } from './ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('client ids', () => {
  it('makes v4 UUIDs, also without crypto.randomUUID (plain http)', () => {
    expect(newId()).toMatch(UUID);
    const original = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
      const ids = new Set(Array.from({ length: 50 }, newId));
      expect(ids.size).toBe(50);
      for (const id of ids) expect(id).toMatch(UUID);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });

  it('keeps one id per pending action until it is settled', () => {
    const pending = new PendingIds();
    const cancel = pending.for('cancel');
    expect(pending.for('cancel')).toBe(cancel);
    expect(pending.for('comment')).not.toBe(cancel);
    pending.settled('cancel');
    expect(pending.for('cancel')).not.toBe(cancel);
  });

  it('treats refusals as answered, and silence or server failures as unknown', () => {
    expect(wasAnswered(new ApiError(409, 'invalid_transition', 'x'))).toBe(true);
    expect(wasAnswered(new ApiError(400, 'missing_fields', 'x'))).toBe(true);
    expect(wasAnswered(new ApiError(0, 'network_error', 'x'))).toBe(false);
    expect(wasAnswered(new ApiError(502, 'http_502', 'x'))).toBe(false);
    expect(wasAnswered(new Error('boom'))).toBe(false);
  });
});
