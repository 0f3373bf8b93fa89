/** Helpers for the metering suites: reader1's seeded route, pushing readings, and a clock in step with them. */
import { randomUUID } from 'node:crypto';
import { periodOf } from '@pm/domain';
import type { Suite } from './harness';

/**
 * The seed's route is for the real current period and the phone's `at` is real time; move the suite's clock
 * to now so that what the server stamps (replacements, corrections) orders after the seeded readings.
 */
export function clockToNow(s: Suite) {
  const behind = Date.now() - s.clock.now().getTime();
  if (behind > 0) s.clock.advance(Math.ceil(behind / 1000) + 1);
}

export const currentPeriod = () => periodOf(new Date());

export async function readerRoute(s: Suite) {
  const reader = await s.loginStaff('reader1');
  const routes = await s.call('GET', `/reading-routes?mine=true&period=${currentPeriod()}`, { cookie: reader });
  const route = routes.data.items.find((r: any) => r.name === '1栋 水电表');
  const download = await s.call('GET', `/reading-routes/${route.id}/download`, { cookie: reader });
  return download.data;
}

/** A `reading.record` command taken `offsetSeconds` after now (real time, like a phone). */
export function readingCommand(routeId: string | null, meterId: string, value: string, extra: Record<string, unknown> = {}, offsetSeconds = 0) {
  return {
    id: randomUUID(),
    type: 'reading.record',
    at: new Date(Date.now() + offsetSeconds * 1000).toISOString(),
    payload: { meterId, routeId, period: currentPeriod(), value, ...extra },
  };
}

export async function push(s: Suite, cookie: string, commands: unknown[]) {
  const res = await s.call('POST', '/sync/commands', { cookie, json: { deviceId: 'test-device', commands } });
  if (res.status !== 200) throw new Error(`push: ${res.status} ${res.raw}`);
  return res.data.results as any[];
}

/** Record one reading and return the stored row (throws unless it was applied). */
export async function record(s: Suite, cookie: string, routeId: string | null, meterId: string, value: string, extra: Record<string, unknown> = {}, offsetSeconds = 0) {
  const [result] = await push(s, cookie, [readingCommand(routeId, meterId, value, extra, offsetSeconds)]);
  if (result.status !== 'applied') throw new Error(`record: ${JSON.stringify(result)}`);
  return result.result;
}
