/**
 * The world of the payment tests: the suite's seeded database and clock, an app whose payments run on a sandbox
 * provider of the test's own (so tests can make it sign notifications, tamper with them and settle refunds), and
 * helpers for the resident's side, the notify endpoint and the ledger.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { createApp } from '../src/app';
import { paymentOrders, residentAccounts, residentBindings } from '../src/db/schema';
import { silentLogger } from '../src/lib/logger';
import { type PaymentProviders, SandboxProvider } from '../src/payments/providers';
import { type PaymentsRuntime, SANDBOX_CASHIER_PATH, createPaymentsRuntime } from '../src/payments/runtime';
import { type CallOptions, setupSuite } from './harness';

export const ZHANG_PHONE = '13800138000';

/** A runtime around a hand-built sandbox (e.g. refunds that stay PROCESSING until their notification). */
export function sandboxRuntime(sandbox: SandboxProvider): PaymentsRuntime {
  const providers: PaymentProviders = {
    get: (name) => (name === 'sandbox' ? sandbox : undefined),
    list: () => [{ name: 'sandbox', channels: ['jsapi', 'h5'] }],
    sandbox,
  };
  return { config: { sandbox: { enabled: true } }, providers, orderTtlMinutes: 15 };
}

export async function paymentsWorld(options: { refundOutcome?: 'SUCCESS' | 'PROCESSING'; billsFrom?: 'at_once' | 'next_morning' } = {}) {
  const s = await setupSuite();
  const runtime =
    options.refundOutcome || options.billsFrom
      ? sandboxRuntime(
          new SandboxProvider({
            clock: s.clock,
            refundOutcome: options.refundOutcome,
            billsFrom: options.billsFrom,
            cashierUrl: ({ outTradeNo }) => `${SANDBOX_CASHIER_PATH}?order=${outTradeNo}`,
          }),
        )
    : createPaymentsRuntime({ config: { sandbox: { enabled: true } }, clock: s.clock });
  const sandbox = runtime.providers.sandbox!;
  const app = createApp({ db: s.db, clock: s.clock, codeSender: s.codeSender, logger: silentLogger, config: { cookieSecure: false, trustProxy: true }, payments: runtime });

  async function call(method: string, path: string, opts: CallOptions = {}) {
    const headers: Record<string, string> = { 'x-forwarded-for': opts.ip ?? '10.250.0.1', ...opts.headers };
    if (opts.cookie) headers.cookie = opts.cookie;
    let body = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    const res = await app.request(`/api${path}`, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    let data: any = text;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      // HTML, or an empty 204
    }
    return { status: res.status, data, headers: res.headers, raw: text };
  }

  /** Posts a notification (headers + raw body) to /api/payments/notify/wechat, as WeChat Pay would. */
  const notify = (n: { headers: Record<string, string>; body: string }) => call('POST', '/payments/notify/wechat', { headers: n.headers, body: n.body });

  const resident = await s.loginResident(ZHANG_PHONE);
  // 张伟 is also bound to 1-102 here (family): prepay-only orders go there, so they never offset 1-101's few open charges.
  const prepayUnit = s.ids.unitOther;
  const [zhang] = await s.db.select().from(residentAccounts).where(eq(residentAccounts.phone, ZHANG_PHONE));
  await s.db.insert(residentBindings).values({ residentId: zhang!.id, unitId: prepayUnit, relation: 'family', via: 'invite' });

  const account = async (unitId = s.ids.unitZhang, cookie = resident) => {
    const res = await call('GET', `/resident/units/${unitId}/account`, { cookie });
    if (res.status !== 200) throw new Error(`account ${res.status} ${res.raw}`);
    return res.data as { owed: string; prepaid: string; charges: { id: string; owed: string; status: string; lockedByOrderId: string | null; dueDate: string }[]; receipts: unknown[] };
  };

  /** Opens an order for the given charges (default: the oldest open one), with the right expectedTotal. */
  async function openOrder(o: { chargeIds?: string[]; prepayment?: string; key?: string; unitId?: string; returnUrl?: string } = {}) {
    const acc = await account(o.unitId);
    const open = acc.charges.filter((c) => c.status === 'open' && !c.lockedByOrderId);
    if (!o.chargeIds && !open.length) throw new Error('no open charge left on the unit');
    const chargeIds = o.chargeIds ?? [open[0]!.id];
    const owed = chargeIds.map((id) => acc.charges.find((c) => c.id === id)?.owed ?? '0');
    const expectedTotal = sumMoney([...owed, o.prepayment ?? '0']);
    const res = await call('POST', '/resident/payment-orders', {
      cookie: resident,
      json: {
        idempotencyKey: o.key ?? randomUUID(),
        unitId: o.unitId ?? s.ids.unitZhang,
        chargeIds,
        ...(o.prepayment ? { prepayment: o.prepayment } : {}),
        channel: 'sandbox',
        expectedTotal,
        ...(o.returnUrl ? { returnUrl: o.returnUrl } : {}),
      },
    });
    if (res.status !== 200) throw new Error(`create order ${res.status} ${res.raw}`);
    return res.data as { order: { id: string; outTradeNo: string; amount: string; state: string; chargeIds: string[] }; pay: { kind: string; url: string } };
  }

  /** The unit's money as the database holds it. */
  async function ledger(unitId = s.ids.unitZhang) {
    const r = await s.db.execute(sql`select
      (select count(*)::int from receipts where unit_id = ${unitId}) as receipts,
      (select count(*)::int from receipts where unit_id = ${unitId} and method = 'online') as online_receipts,
      (select count(*)::int from ledger_entries where unit_id = ${unitId}) as entries,
      (select coalesce(sum(amount), 0)::numeric(14,2)::text from ledger_entries where unit_id = ${unitId} and kind in ('payment', 'prepayment') and method = 'online') as online_in,
      (select coalesce(sum(prepaid_delta), 0)::numeric(14,2)::text from ledger_entries where unit_id = ${unitId}) as prepaid,
      (select coalesce(sum(c.amount + coalesce((select sum(le.owed_delta) from ledger_entries le where le.charge_id = c.id), 0)), 0)::numeric(14,2)::text
         from charges c where c.unit_id = ${unitId}) as owed`);
    const rows = ((r as unknown as { rows?: unknown[] }).rows ?? r) as { receipts: number; online_receipts: number; entries: number; online_in: string; prepaid: string; owed: string }[];
    return rows[0]!;
  }

  /** An order that only prepays, on 1-102. */
  const prepayOrder = (amount = '12.34') => openOrder({ unitId: prepayUnit, chargeIds: [], prepayment: amount });

  const order = async (id: string) => (await s.db.select().from(paymentOrders).where(eq(paymentOrders.id, id)))[0]!;

  return { ...s, app, call, notify, runtime, sandbox, resident, prepayUnit, account, openOrder, prepayOrder, ledger, order };
}
export type PaymentsWorld = Awaited<ReturnType<typeof paymentsWorld>>;

/** Exact sum of decimal strings on the fen (tests only; the code under test uses @pm/domain). */
export function sumMoney(amounts: string[]): string {
  const fen = amounts.reduce((t, a) => t + toFen(a), 0n);
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function toFen(a: string): bigint {
  const neg = a.startsWith('-');
  const [i, f = ''] = (neg ? a.slice(1) : a).split('.');
  const v = BigInt(i!) * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -v : v;
}
