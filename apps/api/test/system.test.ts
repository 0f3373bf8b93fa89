/** Health, the OpenAPI document and reference page, security headers, unknown routes, the audit log. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema';
import { type Suite, setupSuite } from './harness';

let s: Suite;
beforeAll(async () => {
  s = await setupSuite();
});
afterAll(async () => s?.close());

describe('system endpoints', () => {
  it('health checks the database', async () => {
    const res = await s.call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ status: 'ok', db: 'ok' });
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and a reference page', async () => {
    const res = await s.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.data.openapi).toBe('3.1.0');
    for (const p of ['/api/units', '/api/units/{id}', '/api/auth/login', '/api/resident/auth/code', '/api/imports/units/commit', '/api/grants']) {
      expect(Object.keys(res.data.paths)).toContain(p);
    }
    expect(res.data.components.schemas.Unit.properties.buildingArea.type).toBe('string');
    const docs = await s.call('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.raw).toContain('/api/units');
  });

  it('sets security headers on every response and never lets API answers be cached', async () => {
    for (const path of ['/health', '/nope', '/me']) {
      const res = await s.call('GET', path);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('unknown routes get the error shape', async () => {
    const res = await s.call('GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.data).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('writes an audit record with before and after for a mutation, and none of the password', async () => {
    const admin = await s.loginStaff('admin');
    const res = await s.call('PATCH', `/units/${s.ids.unitOther}`, { cookie: admin, json: { state: 'renovating' } });
    expect(res.status).toBe(200);
    const rows = await s.db.select().from(auditLog).where(eq(auditLog.entityId, s.ids.unitOther));
    const row = rows.find((r) => r.action === 'update')!;
    expect(row).toMatchObject({ actorKind: 'staff', actorId: s.ids.staff.admin, entity: 'unit' });
    expect((row.before as { state: string }).state).not.toBe('renovating');
    expect((row.after as { state: string }).state).toBe('renovating');
    const created = await s.call('POST', '/staff', {
      cookie: admin,
      json: { username: 'audited', name: '审计', password: 'secret-password-1', homeNodeId: s.ids.office1 },
    });
    const staffRows = await s.db.select().from(auditLog).where(eq(auditLog.entityId, created.data.id));
    expect(JSON.stringify(staffRows)).not.toContain('scrypt$');
    expect(JSON.stringify(staffRows)).not.toContain('secret-password-1');
  });

  it('masks ID numbers in every response', async () => {
    const admin = await s.loginStaff('admin');
    const res = await s.call('GET', `/parties/${s.ids.partyZhang}`, { cookie: admin });
    expect(res.data.idNumber).toBe('330***********6617');
    expect(res.raw).not.toContain('330106198805126617');
  });
});
