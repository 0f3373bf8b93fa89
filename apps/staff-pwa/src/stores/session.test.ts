import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, json, makeMe, mockFetch, networkDown } from '../test/fetch-mock';
import { useSessionStore } from './session';

describe('session store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    localStorage.clear();
  });

  it('loads me and derives permissions and roles from it', async () => {
    const me = makeMe({
      grants: [
        { id: 'g1', role: 'cashier', nodeId: 'o1', nodeName: '一处', nodeKind: 'office' },
        { id: 'g2', role: 'office_manager', nodeId: 'o2', nodeName: '二处', nodeKind: 'office' },
        { id: 'g3', role: 'cashier', nodeId: 'o2', nodeName: '二处', nodeKind: 'office' },
      ],
      permissions: ['unit:read', 'staff:read'],
    });
    const { calls } = mockFetch({ 'GET /api/me': () => json(200, me) });
    const s = useSessionStore();
    await s.ensure();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/me']);
    expect(s.isAuthenticated).toBe(true);
    expect(s.me?.name).toBe('王经理');
    expect(s.can('unit:read')).toBe(true);
    expect(s.can('staff:read')).toBe(true);
    expect(s.can('import:write')).toBe(false);
    // distinct, highest rank first
    expect(s.roles).toEqual(['office_manager', 'cashier']);
    // an office manager may grant itself-or-lower, never company or group roles
    expect(s.grantableRoles).toContain('technician');
    expect(s.grantableRoles).toContain('office_manager');
    expect(s.grantableRoles).not.toContain('company_manager');
    expect(s.grantableRoles).not.toContain('group_admin');
  });

  it('a front-line role may grant nothing', async () => {
    mockFetch({
      'GET /api/me': () =>
        json(200, makeMe({ grants: [{ id: 'g', role: 'technician', nodeId: 'o', nodeName: 'x', nodeKind: 'office' }] })),
    });
    const s = useSessionStore();
    await s.ensure();
    expect(s.grantableRoles).toEqual([]);
  });

  it('is anonymous when /api/me answers 401', async () => {
    mockFetch({ 'GET /api/me': () => apiError(401, 'unauthenticated', '请先登录') });
    const s = useSessionStore();
    await s.ensure();
    expect(s.status).toBe('anonymous');
    expect(s.isAuthenticated).toBe(false);
    expect(s.can('unit:read')).toBe(false);
  });

  it('shares one request between concurrent ensure() calls and does not ask again', async () => {
    const { calls } = mockFetch({ 'GET /api/me': () => json(200, makeMe()) });
    const s = useSessionStore();
    await Promise.all([s.ensure(), s.ensure(), s.ensure()]);
    await s.ensure();
    expect(calls).toHaveLength(1);
  });

  it('logs in with username and password and remembers me', async () => {
    const { calls } = mockFetch({ 'POST /api/auth/login': () => json(200, makeMe({ username: 'cs', name: '李客服' })) });
    const s = useSessionStore();
    await s.login('cs', 'demo1234');
    expect(calls[0]?.body).toEqual({ username: 'cs', password: 'demo1234' });
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(s.isAuthenticated).toBe(true);
    expect(s.me?.name).toBe('李客服');
    expect(JSON.parse(localStorage.getItem('pm.staff.me') ?? 'null')?.username).toBe('cs');
  });

  it('surfaces the API error of a failed login and stays signed out', async () => {
    mockFetch({ 'POST /api/auth/login': () => apiError(401, 'invalid_credentials', '账号或密码错误') });
    const s = useSessionStore();
    await expect(s.login('cs', 'wrong')).rejects.toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      message: '账号或密码错误',
    });
    expect(s.isAuthenticated).toBe(false);
  });

  it('passes the rate-limit error through', async () => {
    mockFetch({ 'POST /api/auth/login': () => apiError(429, 'rate_limited', '尝试次数过多，请稍后再试') });
    const s = useSessionStore();
    await expect(s.login('cs', 'x')).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
  });

  it('logout tells the server and forgets me, also offline', async () => {
    const { calls } = mockFetch({
      'POST /api/auth/login': () => json(200, makeMe()),
      'POST /api/auth/logout': () => json(200, { ok: true }),
    });
    const s = useSessionStore();
    await s.login('manager', 'demo1234');
    await s.logout();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/auth/login', 'POST /api/auth/logout']);
    expect(s.status).toBe('anonymous');
    expect(s.me).toBeNull();
    expect(localStorage.getItem('pm.staff.me')).toBeNull();

    await s.login('manager', 'demo1234');
    mockFetch({ 'POST /api/auth/logout': networkDown });
    await expect(s.logout()).rejects.toMatchObject({ status: 0 });
    expect(s.isAuthenticated).toBe(false);
  });

  it('opens offline with the remembered session, and a later 401 ends it', async () => {
    localStorage.setItem('pm.staff.me', JSON.stringify(makeMe({ name: '离线的人' })));
    mockFetch({ 'GET /api/me': networkDown });
    const s = useSessionStore();
    await s.ensure();
    expect(s.isAuthenticated).toBe(true);
    expect(s.offline).toBe(true);
    expect(s.me?.name).toBe('离线的人');

    mockFetch({ 'GET /api/me': () => apiError(401, 'unauthenticated', '请先登录') });
    await s.load();
    expect(s.isAuthenticated).toBe(false);
    expect(s.offline).toBe(false);
    expect(localStorage.getItem('pm.staff.me')).toBeNull();
  });

  it('offline with nothing remembered is anonymous', async () => {
    mockFetch({ 'GET /api/me': networkDown });
    const s = useSessionStore();
    await s.ensure();
    expect(s.status).toBe('anonymous');
  });

  it('a 5xx from /api/me keeps the remembered session', async () => {
    localStorage.setItem('pm.staff.me', JSON.stringify(makeMe()));
    mockFetch({ 'GET /api/me': () => apiError(503, 'unavailable', 'db down') });
    const s = useSessionStore();
    await s.ensure();
    expect(s.isAuthenticated).toBe(true);
    expect(s.offline).toBe(true);
  });
});
