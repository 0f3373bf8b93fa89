/**
 * Property tests of the ledger as the API will use it: random sequences of charges, penalties, payments
 * (split by allocatePayment), prepayments, offsets (by autoOffset), discounts, waivers, refunds,
 * adjustments, reversals, deliberate overpayments and replayed ids. After every step the account is
 * checked against an independent computation in whole fen (BigInt), so the fold is not checked by itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyDecimal } from '../money';
import { allocatePayment } from './allocatePayment';
import { autoOffset } from './autoOffset';
import { addDays } from './calendarDate';
import { LedgerError } from './errors';
import { foldLedger, type LedgerState, type OwedCharge } from './foldLedger';
import type { LedgerEntry } from './ledgerEntry';

const FEN = /^-?\d+\.\d{2}$/;
const fen = (amount: string): bigint => BigInt(new MoneyDecimal(amount).times(100).toFixed(0));
const yuan = (f: bigint): string => new MoneyDecimal(f.toString()).dividedBy(100).toFixed(2);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Independent bookkeeping in fen: balance, prepaid and owed per receivable, first id wins. */
function independent(entries: readonly LedgerEntry[]) {
  const byId = new Map<string, LedgerEntry>();
  const owed = new Map<string, bigint>();
  let balance = 0n;
  let prepaid = 0n;
  const bump = (key: string, delta: bigint) => owed.set(key, (owed.get(key) ?? 0n) + delta);
  const apply = (e: LedgerEntry, sign: bigint) => {
    const a = fen(e.amount) * sign;
    switch (e.type) {
      case 'charge':
      case 'penalty':
        balance += a;
        bump(e.id, a);
        break;
      case 'adjustment':
        balance += a;
        bump(e.chargeId, a);
        break;
      case 'payment':
      case 'discount':
      case 'waiver':
        balance -= a;
        bump(e.chargeId, -a);
        break;
      case 'offset':
        prepaid -= a;
        bump(e.chargeId, -a);
        break;
      case 'prepayment':
        balance -= a;
        prepaid += a;
        break;
      case 'refund':
        balance += a;
        prepaid -= a;
        break;
      case 'reversal':
        apply(byId.get(e.reversesId) as LedgerEntry, -sign);
        break;
    }
  };
  for (const e of entries) {
    if (byId.has(e.id)) continue;
    byId.set(e.id, e);
    apply(e, 1n);
  }
  return { balance, prepaid, owed };
}

function checkInvariants(state: LedgerState, entries: readonly LedgerEntry[]) {
  const mine = independent(entries);
  expect(fen(state.balance)).toBe(mine.balance);
  expect(fen(state.prepaid)).toBe(mine.prepaid);
  expect(mine.prepaid >= 0n).toBe(true);
  const owedSum = state.charges.reduce((acc, c) => acc + fen(c.owed), 0n);
  // the ledger reconciles to the fen: the signed sum of the entries is what is owed less what is prepaid
  expect(mine.balance).toBe(owedSum - mine.prepaid);
  expect(fen(state.owed)).toBe(owedSum);
  for (const c of state.charges) {
    for (const v of [c.amount, c.paid, c.offset, c.discounted, c.waived, c.settled, c.owed]) expect(v).toMatch(FEN);
    expect(fen(c.owed)).toBe(mine.owed.get(c.chargeId));
    expect(fen(c.owed) >= 0n).toBe(true);
    for (const v of [c.paid, c.offset, c.discounted, c.waived]) expect(fen(v) >= 0n).toBe(true);
    // never paid beyond its amount
    expect(fen(c.settled) <= fen(c.amount)).toBe(true);
    expect(fen(c.settled) + fen(c.owed)).toBe(fen(c.amount));
  }
}

const money = fc.bigInt({ min: 0n, max: 50_000n });
const pick = fc.nat();
const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('charge' as const), f: money, due: fc.integer({ min: 0, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('penalty' as const), f: money, pick }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('pay' as const), f: money }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('prepay' as const), f: money }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('offset' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('discount' as const), f: money, pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('waive' as const), f: money, pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('refund' as const), f: money }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('adjust' as const), f: money, up: fc.boolean(), pick }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('reverse' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('overpay' as const), pick, refund: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replay' as const), pick, tamper: fc.boolean() }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Run the steps; returns the entries posted. Checks every step. */
function run(steps: readonly Step[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  const reversed = new Set<string>();
  let next = 0;
  const id = () => `e${next++}`;
  for (const s of steps) {
    const state = foldLedger(entries);
    const live = (type: OwedCharge['type']) => state.charges.filter((c) => !c.reversed && c.type === type);
    const open = state.charges.filter((c) => !c.reversed && fen(c.owed) > 0n);
    const batch: LedgerEntry[] = [];
    let mustFail: string | null = null;
    let mayFail = false;
    switch (s.op) {
      case 'charge':
        batch.push({ id: id(), type: 'charge', amount: yuan(s.f), dueDate: addDays('2025-01-31', s.due * 30) });
        break;
      case 'penalty': {
        const c = live('charge')[s.pick % Math.max(1, live('charge').length)];
        if (c) batch.push({ id: id(), type: 'penalty', amount: yuan(s.f % 1000n), chargeId: c.chargeId, dueDate: addDays(c.dueDate, 30) });
        break;
      }
      case 'pay': {
        const split = allocatePayment(yuan(s.f), open);
        for (const p of split.settlements) batch.push({ id: id(), type: 'payment', amount: p.amount, chargeId: p.chargeId });
        if (split.surplus !== '0.00') batch.push({ id: id(), type: 'prepayment', amount: split.surplus });
        break;
      }
      case 'prepay':
        batch.push({ id: id(), type: 'prepayment', amount: yuan(s.f) });
        break;
      case 'offset':
        for (const o of autoOffset(state.prepaid, open).offsets) batch.push({ id: id(), type: 'offset', amount: o.amount, chargeId: o.chargeId });
        break;
      case 'discount':
      case 'waive': {
        const items = live(s.op === 'discount' ? 'charge' : 'penalty');
        const c = items[s.pick % Math.max(1, items.length)];
        if (c) batch.push({ id: id(), type: s.op === 'discount' ? 'discount' : 'waiver', amount: yuan(min(s.f, fen(c.owed))), chargeId: c.chargeId });
        break;
      }
      case 'refund':
        batch.push({ id: id(), type: 'refund', amount: yuan(min(s.f, fen(state.prepaid))) });
        break;
      case 'adjust': {
        const items = [...live('charge'), ...live('penalty')];
        const c = items[s.pick % Math.max(1, items.length)];
        const delta = s.up ? s.f : -min(s.f, fen(c?.owed ?? '0'));
        if (c) batch.push({ id: id(), type: 'adjustment', amount: yuan(delta), chargeId: c.chargeId });
        break;
      }
      case 'reverse': {
        const targets = entries.filter((e, i) => e.type !== 'reversal' && !reversed.has(e.id) && entries.findIndex((x) => x.id === e.id) === i);
        const t = targets[s.pick % Math.max(1, targets.length)];
        if (t) batch.push({ id: id(), type: 'reversal', amount: t.amount, reversesId: t.id });
        mayFail = true;
        break;
      }
      case 'overpay': {
        if (s.refund) {
          batch.push({ id: id(), type: 'refund', amount: yuan(fen(state.prepaid) + 1n) });
          mustFail = 'INSUFFICIENT_PREPAID';
        } else {
          const c = state.charges.filter((x) => !x.reversed)[s.pick % Math.max(1, state.charges.length)];
          if (c) batch.push({ id: id(), type: 'payment', amount: yuan(fen(c.owed) + 1n), chargeId: c.chargeId });
          mustFail = 'OVERSETTLED';
        }
        break;
      }
      case 'replay': {
        const original = entries[s.pick % Math.max(1, entries.length)];
        if (original) {
          const copy = (s.tamper ? { ...original, amount: '12345.67' } : { ...original }) as LedgerEntry;
          expect(foldLedger([...entries, copy])).toEqual(state);
          entries.push(copy);
        }
        continue;
      }
    }
    if (batch.length === 0) continue;
    let after: LedgerState;
    try {
      after = foldLedger([...entries, ...batch]);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      if (mustFail === null && !mayFail) throw error;
      if (mustFail !== null) expect(error.reason).toBe(mustFail);
      expect(foldLedger(entries)).toEqual(state);
      continue;
    }
    expect(mustFail).toBeNull();
    entries.push(...batch);
    for (const e of batch) if (e.type === 'reversal') reversed.add(e.reversesId);
    checkInvariants(after, entries);
  }
  return entries;
}

/** Generous: these fold the whole ledger after every step, and other suites may be running alongside. */
const TIMEOUT = 30_000;

describe('ledger properties', () => {
  it('property: the ledger always reconciles to the fen; nothing is ever settled beyond its amount; prepaid ≥ 0', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 50, size: 'max' }), (steps) => {
        run(steps);
      }),
      { numRuns: 100 },
    );
  }, TIMEOUT);

  it('property: replaying entries (the same ids, anywhere after the first) changes nothing', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40, size: 'max' }), fc.array(fc.nat(), { maxLength: 40 }), (steps, seeds) => {
        const entries = run(steps);
        const state = foldLedger(entries);
        const replayed: LedgerEntry[] = [];
        entries.forEach((e, i) => {
          replayed.push(e);
          const seed = seeds[i];
          if (seed !== undefined) replayed.push(entries[seed % (i + 1)] as LedgerEntry);
        });
        expect(foldLedger(replayed)).toEqual(state);
        expect(foldLedger([...entries, ...entries])).toEqual(state);
      }),
      { numRuns: 60 },
    );
  }, TIMEOUT);

  it('property: a payment fully allocated and then offset leaves no charge owing while money remains', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40, size: 'max' }), money, (steps, f) => {
        const entries = run(steps);
        const state = foldLedger(entries);
        const open = state.charges.filter((c) => !c.reversed && fen(c.owed) > 0n);
        const split = allocatePayment(yuan(f), open);
        const posted: LedgerEntry[] = split.settlements.map((p, i) => ({ id: `pay${i}`, type: 'payment', amount: p.amount, chargeId: p.chargeId }));
        if (split.surplus !== '0.00') posted.push({ id: 'surplus', type: 'prepayment', amount: split.surplus });
        const paid = foldLedger([...entries, ...posted]);
        const offsets = autoOffset(paid.prepaid, paid.charges.filter((c) => fen(c.owed) > 0n && !c.reversed)).offsets;
        const all = [...entries, ...posted, ...offsets.map((o, i): LedgerEntry => ({ id: `off${i}`, type: 'offset', amount: o.amount, chargeId: o.chargeId }))];
        const settled = foldLedger(all);
        checkInvariants(settled, all);
        // either nothing is owed any more, or the prepaid balance is used up
        expect(settled.owed === '0.00' || settled.prepaid === '0.00').toBe(true);
      }),
      { numRuns: 60 },
    );
  }, TIMEOUT);
});
