/**
 * The provider's own record of a day 对账单, downloaded through the provider layer: WeChat Pay's trade bill
 * (GET /v3/bill/tradebill, a gzip'd CSV checked against its SHA1), Alipay's 业务明细 (a GBK CSV in a zip, through
 * alipay.data.dataservice.bill.downloadurl.query). The sandbox is the WeChat Pay client pointed at its own
 * stand-in server, which renders the same CSV from its state — one parsing path for the demo and production.
 */
import { type DayBill, PaymentProviderError, type ProviderName } from '../../payments/providers';
import type { PaymentsRuntime } from '../../payments/runtime';

export type { BillPayment, BillRefund, DayBill } from '../../payments/providers';

/** [start, end) of a Beijing calendar day (China has no daylight saving). */
export function beijingDay(day: string): { start: Date; end: Date } {
  const start = new Date(`${day}T00:00:00+08:00`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/**
 * The day's bill, or `not_ready` when the provider has not made it yet (WeChat Pay makes yesterday's after
 * 10:00, Alipay during the morning): the run then waits and the job tries again later. Any other failure throws.
 */
export async function downloadDayBill(runtime: PaymentsRuntime, name: ProviderName, day: string): Promise<DayBill | { notReady: string }> {
  const provider = runtime.providers.get(name);
  if (!provider) throw new Error(`payment provider ${name} is not configured`);
  try {
    return await provider.downloadBill(day);
  } catch (e) {
    if (e instanceof PaymentProviderError && e.code === 'bill_not_ready') return { notReady: e.message };
    throw e;
  }
}
