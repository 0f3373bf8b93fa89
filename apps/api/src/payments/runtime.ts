/**
 * The payment providers a running API uses, built once from the configuration (server.ts) and handed to the
 * routes and the scheduled job through AppDeps. An app built without one (the API tests, a bare createApp)
 * gets an in-memory sandbox on its own clock, so every payment endpoint works out of the box — exactly what
 * `npm start` does when no real provider is configured.
 */
import type { Clock } from '../lib/context';
import { type PaymentsConfig, type PaymentProviders, createPaymentProviders } from './providers';
import type { FetchLike } from './providers/wechatpay/client';

export const SANDBOX_CASHIER_PATH = '/api/payments/sandbox/cashier';

/** How long an order stays payable: WeChat Pay's time_expire / Alipay's time_expire, and our expiry job. */
export const ORDER_TTL_MINUTES = 15;

export interface PaymentsRuntime {
  config: PaymentsConfig;
  providers: PaymentProviders;
  orderTtlMinutes: number;
}

export function createPaymentsRuntime(input: { config: PaymentsConfig; clock?: Clock; fetch?: FetchLike; orderTtlMinutes?: number }): PaymentsRuntime {
  const providers = createPaymentProviders(input.config, {
    clock: input.clock,
    fetch: input.fetch,
    // The contract's cashier URL: /api/payments/sandbox/cashier?order=<outTradeNo>.
    sandboxCashierUrl: ({ outTradeNo }) => `${SANDBOX_CASHIER_PATH}?order=${encodeURIComponent(outTradeNo)}`,
  });
  return { config: input.config, providers, orderTtlMinutes: input.orderTtlMinutes ?? ORDER_TTL_MINUTES };
}

const defaults = new WeakMap<object, PaymentsRuntime>();

/** The runtime of these app deps: the configured one, or (once per deps object) an in-memory sandbox. */
export function paymentsOf(deps: { payments?: PaymentsRuntime; clock: Clock }): PaymentsRuntime {
  if (deps.payments) return deps.payments;
  let runtime = defaults.get(deps);
  if (!runtime) {
    runtime = createPaymentsRuntime({ config: { sandbox: { enabled: true } }, clock: deps.clock });
    defaults.set(deps, runtime);
  }
  return runtime;
}

