/**
 * One test suite's world: a fresh seeded database, the app on it, a clock the test can move, a code sender
 * that keeps the codes, and helpers to log in as any demo account or resident and call the API.
 */
import { and, eq } from 'drizzle-orm';
import { createApp } from '../src/app';
import type { Database } from '../src/db';
import { buildings, orgNodes, parties, staffAccounts, units } from '../src/db/schema';
import type { Clock } from '../src/lib/context';
import { silentLogger } from '../src/lib/logger';
import { MemoryCodeSender } from '../src/services/auth/code-sender';
import { freshDatabase } from './db';

export class TestClock implements Clock {
  private t = new Date('2026-11-27T02:00:00Z').getTime();
  now() {
    return new Date(this.t);
  }
  advance(seconds: number) {
    this.t += seconds * 1000;
  }
}

export interface CallOptions {
  cookie?: string | undefined;
  json?: unknown;
  body?: NonNullable<RequestInit["body"]>;
  headers?: Record<string, string>;
  ip?: string;
}

let ipCounter = 0;

export async function setupSuite() {
  const database: Database = await freshDatabase();
  const db = database.db;
  const clock = new TestClock();
  const codeSender = new MemoryCodeSender();
  const app = createApp({ db, clock, codeSender, logger: silentLogger, config: { cookieSecure: false, trustProxy: true } });
  // Each suite calls from its own IP range so per-IP limits of one test do not leak into another.
  const suiteIp = `10.${(process.pid % 200) + 1}.${++ipCounter % 250}.`;
  let ipSeq = 1;

  async function call(method: string, path: string, opts: CallOptions = {}) {
    const headers: Record<string, string> = { 'x-forwarded-for': opts.ip ?? `${suiteIp}${ipSeq}`, ...opts.headers };
    if (opts.cookie) headers.cookie = opts.cookie;
    let body: NonNullable<RequestInit["body"]> | undefined = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    const res = await app.request(`/api${path}`, { method, headers, body });
    const text = await res.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (xlsx, html)
    }
    return { status: res.status, data: data as any, headers: res.headers, raw: text };
  }

  function cookieFrom(res: { headers: Headers }) {
    const set = res.headers.get('set-cookie');
    if (!set) throw new Error('no cookie set');
    return set.split(';')[0]!;
  }

  const staffCookies = new Map<string, string>();
  async function loginStaff(username: string, password = 'demo1234') {
    const cached = staffCookies.get(username);
    if (cached) return cached;
    const res = await call('POST', '/auth/login', { json: { username, password }, ip: `${suiteIp}${++ipSeq}` });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.raw}`);
    const cookie = cookieFrom(res);
    staffCookies.set(username, cookie);
    return cookie;
  }

  async function loginResident(phone: string) {
    const ip = `${suiteIp}${++ipSeq}`;
    const sent = await call('POST', '/resident/auth/code', { json: { phone }, ip });
    if (sent.status !== 200) throw new Error(`code ${phone}: ${sent.status} ${sent.raw}`);
    const res = await call('POST', '/resident/auth/login', { json: { phone, code: codeSender.last(phone) }, ip });
    if (res.status !== 200) throw new Error(`resident login ${phone}: ${res.status} ${res.raw}`);
    // A later code for the same phone must wait a minute: move the clock past the resend limit.
    clock.advance(61);
    return cookieFrom(res);
  }

  return { app, db, clock, codeSender, call, loginStaff, loginResident, ids: await seededIds(db), close: () => database.close() };
}
export type Suite = Awaited<ReturnType<typeof setupSuite>>;

/** The ids of the seeded demo records the tests refer to by name. */
async function seededIds(db: Database['db']) {
  const node = async (name: string) => (await db.select().from(orgNodes).where(eq(orgNodes.name, name)))[0]!.id;
  const [group, company, office1, office2, estate1, estate2, estate3] = await Promise.all(
    ['华悦物业集团', '杭州华悦物业服务有限公司', '西湖管理处', '滨江管理处', '翠湖花园', '华悦中心', '滨江名苑'].map(node),
  );
  const unit = async (estateId: string, number: string) =>
    (await db.select().from(units).where(and(eq(units.estateId, estateId), eq(units.number, number))))[0]!.id;
  const building = async (estateId: string, name: string) =>
    (await db.select().from(buildings).where(and(eq(buildings.estateId, estateId), eq(buildings.name, name))))[0]!.id;
  const staff = async (username: string) => (await db.select().from(staffAccounts).where(eq(staffAccounts.username, username)))[0]!.id;
  const party = async (phone: string) => (await db.select().from(parties).where(eq(parties.phone, phone)))[0]!.id;
  return {
    group: group!,
    company: company!,
    office1: office1!,
    office2: office2!,
    estate1: estate1!,
    estate2: estate2!,
    estate3: estate3!,
    building1: await building(estate1!, '1栋'),
    buildingTower: await building(estate2!, 'A座'),
    unitZhang: await unit(estate1!, '1-101'),
    unitOther: await unit(estate1!, '1-102'),
    unitLi: await unit(estate1!, '2-101'),
    unitTower: await unit(estate2!, '301'),
    partyZhang: await party('13800138000'),
    staff: Object.fromEntries(
      await Promise.all(['admin', 'manager', 'cs', 'cashier', 'tech1', 'reader1', 'manager2'].map(async (u) => [u, await staff(u)] as const)),
    ) as Record<string, string>,
  };
}
