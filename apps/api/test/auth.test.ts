/** Staff and resident authentication: sessions, rate limits, one-time codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Suite, setupSuite } from './harness';

let s: Suite;
beforeAll(async () => {
  s = await setupSuite();
});
afterAll(async () => s?.close());

describe('staff login', () => {
  it('logs in with the right password, sets an httpOnly SameSite cookie, and /me answers', async () => {
    const res = await s.call('POST', '/auth/login', { json: { username: 'Manager', password: 'demo1234' }, ip: '1.1.1.1' });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/pm_staff=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(res.data.permissions).toContain('unit:write');
    const me = await s.call('GET', '/me', { cookie: setCookie.split(';')[0] });
    expect(me.status).toBe(200);
    expect(me.data.username).toBe('manager');
    expect(me.data.grants[0]).toMatchObject({ role: 'office_manager', nodeName: '西湖管理处' });
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const wrong = await s.call('POST', '/auth/login', { json: { username: 'cashier', password: 'nope' }, ip: '1.1.1.2' });
    const unknown = await s.call('POST', '/auth/login', { json: { username: 'nobody', password: 'nope' }, ip: '1.1.1.2' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.data).toEqual(unknown.data);
    expect(wrong.data.error.code).toBe('invalid_credentials');
  });

  it('locks an account after 5 failures in 15 minutes, even from different IPs, then lets it in again later', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await s.call('POST', '/auth/login', { json: { username: 'reader1', password: 'bad' }, ip: `2.2.2.${i}` });
      expect(r.status).toBe(401);
    }
    const locked = await s.call('POST', '/auth/login', { json: { username: 'reader1', password: 'demo1234' }, ip: '2.2.2.99' });
    expect(locked.status).toBe(429);
    expect(locked.data.error.code).toBe('rate_limited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    s.clock.advance(15 * 60 + 1);
    const ok = await s.call('POST', '/auth/login', { json: { username: 'reader1', password: 'demo1234' }, ip: '2.2.2.99' });
    expect(ok.status).toBe(200);
  });

  it('limits failures per IP across accounts', async () => {
    const ip = '3.3.3.3';
    for (let i = 0; i < 30; i++) await s.call('POST', '/auth/login', { json: { username: `ghost${i}`, password: 'x' }, ip });
    const r = await s.call('POST', '/auth/login', { json: { username: 'tech1', password: 'demo1234' }, ip });
    expect(r.status).toBe(429);
  });

  it('logout ends the session on the server', async () => {
    const cookie = (await s.call('POST', '/auth/login', { json: { username: 'cs', password: 'demo1234' }, ip: '4.4.4.4' })).headers
      .get('set-cookie')!
      .split(';')[0]!;
    expect((await s.call('GET', '/me', { cookie })).status).toBe(200);
    expect((await s.call('POST', '/auth/logout', { cookie })).status).toBe(200);
    expect((await s.call('GET', '/me', { cookie })).status).toBe(401);
  });

  it('a deactivated account loses its sessions at once', async () => {
    const admin = await s.loginStaff('admin');
    const cookie = (await s.call('POST', '/auth/login', { json: { username: 'cashier', password: 'demo1234' }, ip: '4.4.4.5' })).headers
      .get('set-cookie')!
      .split(';')[0]!;
    expect((await s.call('PATCH', `/staff/${s.ids.staff.cashier}`, { cookie: admin, json: { active: false } })).status).toBe(200);
    expect((await s.call('GET', '/me', { cookie })).status).toBe(401);
    expect((await s.call('POST', '/auth/login', { json: { username: 'cashier', password: 'demo1234' }, ip: '4.4.4.6' })).status).toBe(401);
    await s.call('PATCH', `/staff/${s.ids.staff.cashier}`, { cookie: admin, json: { active: true } });
  });

  it('a forged or expired cookie is refused', async () => {
    expect((await s.call('GET', '/me', { cookie: 'pm_staff=forged' })).status).toBe(401);
    const cookie = (await s.call('POST', '/auth/login', { json: { username: 'tech1', password: 'demo1234' }, ip: '4.4.4.7' })).headers
      .get('set-cookie')!
      .split(';')[0]!;
    s.clock.advance(12 * 3600 + 1);
    expect((await s.call('GET', '/me', { cookie })).status).toBe(401);
  });
});

describe('resident login by phone and one-time code', () => {
  const phone = '13912345678';

  it('sends a code, logs in with it once, creates the account, and refuses reuse', async () => {
    const sent = await s.call('POST', '/resident/auth/code', { json: { phone }, ip: '5.5.5.1' });
    expect(sent.status).toBe(200);
    expect(sent.data).toEqual({ sent: true, expiresInSeconds: 300 });
    const code = s.codeSender.last(phone)!;
    expect(code).toMatch(/^\d{6}$/);
    const login = await s.call('POST', '/resident/auth/login', { json: { phone, code }, ip: '5.5.5.1' });
    expect(login.status).toBe(200);
    expect(login.data).toMatchObject({ phone, units: [] });
    expect(login.headers.get('set-cookie')).toMatch(/pm_resident=.*HttpOnly/i);
    const again = await s.call('POST', '/resident/auth/login', { json: { phone, code }, ip: '5.5.5.1' });
    expect(again.status).toBe(401);
  });

  it('allows one code a minute per phone', async () => {
    const p = '13912345679';
    expect((await s.call('POST', '/resident/auth/code', { json: { phone: p }, ip: '5.5.5.2' })).status).toBe(200);
    const soon = await s.call('POST', '/resident/auth/code', { json: { phone: p }, ip: '5.5.5.2' });
    expect(soon.status).toBe(429);
    s.clock.advance(61);
    expect((await s.call('POST', '/resident/auth/code', { json: { phone: p }, ip: '5.5.5.2' })).status).toBe(200);
  });

  it('kills a code after 5 wrong tries', async () => {
    const p = '13912345680';
    await s.call('POST', '/resident/auth/code', { json: { phone: p }, ip: '5.5.5.3' });
    const code = s.codeSender.last(p)!;
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await s.call('POST', '/resident/auth/login', { json: { phone: p, code: wrongCode }, ip: '5.5.5.3' });
      expect(r.status).toBe(401);
      expect(r.data.error.code).toBe('invalid_code');
    }
    const right = await s.call('POST', '/resident/auth/login', { json: { phone: p, code }, ip: '5.5.5.3' });
    expect(right.status).toBe(429);
    expect(right.data.error.code).toBe('code_locked');
  });

  it('expires codes after 5 minutes', async () => {
    const p = '13912345681';
    await s.call('POST', '/resident/auth/code', { json: { phone: p }, ip: '5.5.5.4' });
    s.clock.advance(301);
    const r = await s.call('POST', '/resident/auth/login', { json: { phone: p, code: s.codeSender.last(p) }, ip: '5.5.5.4' });
    expect(r.status).toBe(401);
    expect(r.data.error.code).toBe('code_expired');
  });

  it('a resident session does not open staff endpoints, nor a staff session resident ones', async () => {
    const resident = await s.loginResident('13800138000');
    const staff = await s.loginStaff('manager');
    expect((await s.call('GET', '/units', { cookie: resident })).status).toBe(401);
    expect((await s.call('GET', '/resident/me', { cookie: staff })).status).toBe(401);
  });
});
