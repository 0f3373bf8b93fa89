/**
 * Notices 公告: staff write, publish, edit, withdraw and attach; residents see exactly the notices aimed at the
 * estate, buildings or units they are bound to (pinned first, unread marks, scheduled and expired ones hidden),
 * and the payment reminders recorded on their units without the staff's notes. Scope: another estate → 404.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, noticeAttachments, paymentReminders } from '../src/db/schema';
import { loadStaffActor } from '../src/services/auth/staff-actor';
import { uploadAttachment } from '../src/services/notices/upload-attachment';
import { type Suite, setupSuite } from './harness';

let s: Suite;
/** Session cookies: staff by username; residents bound to 1-101 (1栋), 2-101 (2栋) and 华悦中心 301. */
const c: Record<string, string> = {};

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** Binds a new resident (phone) to a unit with an invite code; returns their cookie. */
async function bindResident(phone: string, unitId: string) {
  const invite = await s.call('POST', `/units/${unitId}/invites`, { cookie: c.admin, json: { relation: 'owner' } });
  if (invite.status !== 200) throw new Error(invite.raw);
  const cookie = await s.loginResident(phone);
  const bound = await s.call('POST', '/resident/bindings/invite', { cookie, json: { code: invite.data.code } });
  if (bound.status !== 200) throw new Error(bound.raw);
  return cookie;
}

/** A notice written by `who` (customer service by default), published unless `draft`. */
async function notice(o: { title?: string; targets?: unknown[]; pinned?: boolean; expiresAt?: string; draft?: boolean; estateId?: string; who?: string } = {}) {
  const who = c[o.who ?? 'cs'];
  const created = await s.call('POST', '/notices', {
    cookie: who,
    json: {
      estateId: o.estateId ?? s.ids.estate1,
      title: o.title ?? `通知 ${randomUUID().slice(0, 6)}`,
      body: '各位业主：\n本周六上午 9:00–12:00 停水检修，请提前储水。\n物业服务中心',
      targets: o.targets ?? [{ kind: 'estate' }],
      ...(o.pinned !== undefined && { pinned: o.pinned }),
      ...(o.expiresAt && { expiresAt: o.expiresAt }),
    },
  });
  if (created.status !== 200) throw new Error(created.raw);
  if (o.draft) return created.data;
  const published = await s.call('POST', `/notices/${created.data.id}/publish`, { cookie: who, json: {} });
  if (published.status !== 200) throw new Error(published.raw);
  return published.data;
}

const residentTitles = async (cookie: string) => (await s.call('GET', '/resident/notices?pageSize=100', { cookie })).data.items.map((n: any) => n.title) as string[];
const put = (noticeId: string, id: string, bytes: Uint8Array, cookie = c.cs, name = '停水通知.pdf') =>
  s.call('PUT', `/notices/${noticeId}/attachments/${id}?name=${encodeURIComponent(name)}`, { cookie, body: bytes, headers: { 'content-type': 'application/octet-stream' } });

beforeAll(async () => {
  s = await setupSuite();
  for (const u of ['admin', 'manager', 'cs', 'cashier', 'tech1', 'manager2']) c[u] = await s.loginStaff(u);
  c.zhang = await s.loginResident('13800138000'); // seeded: 翠湖花园 1栋 1-101
  c.li = await bindResident('13700000021', s.ids.unitLi); // 翠湖花园 2栋 2-101
  c.tower = await bindResident('13700000022', s.ids.unitTower); // 华悦中心 A座 301 (other office)
});
afterAll(async () => s?.close());

describe('targeting', () => {
  it('a whole-estate notice reaches every bound unit of the estate and nobody elsewhere', async () => {
    const n = await notice({ title: '全小区停水通知' });
    expect(n).toMatchObject({ status: 'published', targets: [{ kind: 'estate', id: s.ids.estate1, name: '翠湖花园' }], scheduled: false, expired: false });
    expect(await residentTitles(c.zhang!)).toContain('全小区停水通知');
    expect(await residentTitles(c.li!)).toContain('全小区停水通知');
    expect(await residentTitles(c.tower!)).not.toContain('全小区停水通知');
    const other = await s.call('GET', `/resident/notices/${n.id}`, { cookie: c.tower });
    expect(other.status).toBe(404);
    expect(other.data.error.code).toBe('not_found');
  });

  it('a building notice reaches only that building’s residents', async () => {
    const n = await notice({ title: '1栋电梯维保', targets: [{ kind: 'building', buildingId: s.ids.building1 }] });
    expect(n.targets).toEqual([{ kind: 'building', id: s.ids.building1, name: '1栋' }]);
    expect(await residentTitles(c.zhang!)).toContain('1栋电梯维保');
    expect(await residentTitles(c.li!)).not.toContain('1栋电梯维保');
    expect((await s.call('GET', `/resident/notices/${n.id}`, { cookie: c.li })).status).toBe(404);
  });

  it('a unit notice reaches only that unit, and stops when the binding is revoked', async () => {
    const n = await notice({ title: '2-101 水表更换', targets: [{ kind: 'unit', unitId: s.ids.unitLi }] });
    expect(n.targets).toEqual([{ kind: 'unit', id: s.ids.unitLi, name: '2栋 2-101' }]);
    expect(await residentTitles(c.li!)).toContain('2-101 水表更换');
    expect(await residentTitles(c.zhang!)).not.toContain('2-101 水表更换');

    // A tenant bound to 2-101 too, then unbound: the notice goes with the binding.
    const tenant = await bindResident('13700000023', s.ids.unitLi);
    expect(await residentTitles(tenant)).toContain('2-101 水表更换');
    const bindings = await s.call('GET', `/units/${s.ids.unitLi}/bindings`, { cookie: c.cs });
    const binding = bindings.data.items.find((b: any) => b.phone === '13700000023' && !b.revokedAt);
    expect((await s.call('POST', `/bindings/${binding.id}/revoke`, { cookie: c.cs })).status).toBe(200);
    expect(await residentTitles(tenant)).not.toContain('2-101 水表更换');
    expect((await s.call('GET', `/resident/notices/${n.id}`, { cookie: tenant })).status).toBe(404);
  });

  it('buildings and units together; a building or unit of another estate, or estate plus others, is refused', async () => {
    const mixed = await notice({ title: '混合对象', targets: [{ kind: 'unit', unitId: s.ids.unitLi }, { kind: 'building', buildingId: s.ids.building1 }, { kind: 'building', buildingId: s.ids.building1 }] });
    expect(mixed.targets.map((t: any) => t.name)).toEqual(['1栋', '2栋 2-101']);
    expect(await residentTitles(c.zhang!)).toContain('混合对象');
    expect(await residentTitles(c.li!)).toContain('混合对象');

    const base = { estateId: s.ids.estate1, title: '错误对象', body: '正文' };
    for (const targets of [
      [{ kind: 'building', buildingId: s.ids.buildingTower }],
      [{ kind: 'unit', unitId: s.ids.unitTower }],
      [{ kind: 'estate' }, { kind: 'unit', unitId: s.ids.unitLi }],
    ]) {
      const res = await s.call('POST', '/notices', { cookie: c.cs, json: { ...base, targets } });
      expect(res.status, res.raw).toBe(400);
      expect(res.data.error.details[0].path).toMatch(/^targets\.\d$/);
    }
  });

  it('a draft without an audience cannot be published', async () => {
    const draft = await notice({ title: '无对象', targets: [], draft: true });
    const res = await s.call('POST', `/notices/${draft.id}/publish`, { cookie: c.cs, json: {} });
    expect(res.status).toBe(422);
    expect(res.data.error.code).toBe('notice_no_targets');
  });
});

describe('what residents see', () => {
  it('pinned first, then newest; unread marks; opening marks read; mark all read; the badge count', async () => {
    const li = await bindResident('13700000031', s.ids.unitLi);
    const older = await notice({ title: '较早的通知', targets: [{ kind: 'unit', unitId: s.ids.unitLi }] });
    s.clock.advance(60);
    const pinned = await notice({ title: '置顶：消防演练', pinned: true, targets: [{ kind: 'unit', unitId: s.ids.unitLi }] });
    s.clock.advance(60);
    const newer = await notice({ title: '较新的通知', targets: [{ kind: 'unit', unitId: s.ids.unitLi }] });

    const list = await s.call('GET', '/resident/notices?pageSize=100', { cookie: li });
    const titles = list.data.items.map((n: any) => n.title);
    expect(titles[0]).toBe('置顶：消防演练');
    expect(titles.indexOf('较新的通知')).toBeLessThan(titles.indexOf('较早的通知'));
    expect(list.data.items.every((n: any) => n.read === false)).toBe(true);
    expect(list.data.unread).toBe(list.data.total);
    const first = list.data.items[0];
    expect(first).toMatchObject({ id: pinned.id, pinned: true, estateName: '翠湖花园', attachmentCount: 0, expiresAt: null });
    expect(first.excerpt).toBe('各位业主： 本周六上午 9:00–12:00 停水检修，请提前储水。 物业服务中心');
    expect(first).not.toHaveProperty('body');

    const before = (await s.call('GET', '/resident/notices/unread-count', { cookie: li })).data.unread;
    const opened = await s.call('GET', `/resident/notices/${newer.id}`, { cookie: li });
    expect(opened.status).toBe(200);
    expect(opened.data).toMatchObject({ title: '较新的通知', read: true, attachments: [] });
    expect(opened.data.body).toContain('\n本周六上午');
    expect((await s.call('GET', '/resident/notices/unread-count', { cookie: li })).data.unread).toBe(before - 1);
    // Opening again changes nothing; another resident's marks are their own.
    await s.call('GET', `/resident/notices/${newer.id}`, { cookie: li });
    expect((await s.call('GET', '/resident/notices/unread-count', { cookie: li })).data.unread).toBe(before - 1);
    const otherLi = (await s.call('GET', '/resident/notices?pageSize=100', { cookie: c.li })).data.items.find((n: any) => n.id === newer.id);
    expect(otherLi.read).toBe(false);

    const all = await s.call('POST', '/resident/notices/read-all', { cookie: li });
    expect(all.data).toEqual({ marked: before - 1, unread: 0 });
    expect((await s.call('GET', '/resident/notices/unread-count', { cookie: li })).data.unread).toBe(0);
    const after = await s.call('GET', '/resident/notices?pageSize=100', { cookie: li });
    expect(after.data.items.every((n: any) => n.read)).toBe(true);
    expect(after.data.unread).toBe(0);
    expect(older.id).toBeTruthy();

    // Staff see how many residents read it.
    const staffView = await s.call('GET', `/notices/${newer.id}`, { cookie: c.cs });
    expect(staffView.data.readCount).toBe(1);
  });

  it('paging: total and pages over the resident’s notices', async () => {
    const page1 = await s.call('GET', '/resident/notices?page=1&pageSize=2', { cookie: c.zhang });
    const page2 = await s.call('GET', '/resident/notices?page=2&pageSize=2', { cookie: c.zhang });
    expect(page1.data.items).toHaveLength(2);
    expect(page1.data.total).toBeGreaterThan(2);
    expect(page2.data.items[0].id).not.toBe(page1.data.items[1].id);
  });

  it('a scheduled notice appears at its time; an expired one disappears; staff see both flags', async () => {
    const draft = await notice({ title: '定时：周末活动', targets: [{ kind: 'building', buildingId: s.ids.building1 }], draft: true });
    const at = new Date(s.clock.now().getTime() + 3600_000).toISOString();
    const scheduled = await s.call('POST', `/notices/${draft.id}/publish`, { cookie: c.cs, json: { publishAt: at } });
    expect(scheduled.data).toMatchObject({ status: 'published', publishAt: at, scheduled: true });
    expect(await residentTitles(c.zhang!)).not.toContain('定时：周末活动');
    expect((await s.call('GET', `/resident/notices/${draft.id}`, { cookie: c.zhang })).status).toBe(404);
    s.clock.advance(3601);
    expect(await residentTitles(c.zhang!)).toContain('定时：周末活动');

    const expiresAt = new Date(s.clock.now().getTime() + 600_000).toISOString();
    const short = await notice({ title: '十分钟后到期', expiresAt, targets: [{ kind: 'building', buildingId: s.ids.building1 }] });
    expect(short.expiresAt).toBe(expiresAt);
    expect(await residentTitles(c.zhang!)).toContain('十分钟后到期');
    s.clock.advance(601);
    expect(await residentTitles(c.zhang!)).not.toContain('十分钟后到期');
    const staffView = await s.call('GET', `/notices/${short.id}`, { cookie: c.cs });
    expect(staffView.data).toMatchObject({ status: 'published', expired: true });
  });

  it('a publication time in the past, or an expiry before it, is refused', async () => {
    const draft = await notice({ draft: true, expiresAt: new Date(s.clock.now().getTime() + 3600_000).toISOString() });
    const past = await s.call('POST', `/notices/${draft.id}/publish`, { cookie: c.cs, json: { publishAt: new Date(s.clock.now().getTime() - 86400_000).toISOString() } });
    expect(past.status).toBe(400);
    const afterExpiry = await s.call('POST', `/notices/${draft.id}/publish`, { cookie: c.cs, json: { publishAt: new Date(s.clock.now().getTime() + 7200_000).toISOString() } });
    expect(afterExpiry.status).toBe(400);
    const expired = await s.call('POST', '/notices', { cookie: c.cs, json: { estateId: s.ids.estate1, title: 't', body: 'b', expiresAt: '2020-01-01T00:00:00+08:00' } });
    expect(expired.status).toBe(400);
  });
});

describe('the life of a notice', () => {
  it('draft → edit → publish → only pinning and expiry change → withdraw; every step audited', async () => {
    const draft = await notice({ title: '草稿标题', draft: true, targets: [] });
    expect(draft).toMatchObject({ status: 'draft', publishAt: null, pinned: false, targets: [], createdByName: expect.any(String) });
    expect(await residentTitles(c.zhang!)).not.toContain('草稿标题');

    const edited = await s.call('PATCH', `/notices/${draft.id}`, {
      cookie: c.cs,
      json: { title: '正式标题', body: '新的正文', pinned: true, targets: [{ kind: 'unit', unitId: s.ids.unitZhang }] },
    });
    expect(edited.status, edited.raw).toBe(200);
    expect(edited.data).toMatchObject({ title: '正式标题', body: '新的正文', pinned: true, targets: [{ kind: 'unit', name: '1栋 1-101' }] });

    const published = await s.call('POST', `/notices/${draft.id}/publish`, { cookie: c.manager, json: {} });
    expect(published.data).toMatchObject({ status: 'published', publishAt: s.clock.now().toISOString(), publishedByName: expect.any(String) });
    const again = await s.call('POST', `/notices/${draft.id}/publish`, { cookie: c.manager, json: {} });
    expect(again.status).toBe(200);
    expect(again.data.publishAt).toBe(published.data.publishAt);
    expect(await residentTitles(c.zhang!)).toContain('正式标题');

    const retitle = await s.call('PATCH', `/notices/${draft.id}`, { cookie: c.cs, json: { title: '改标题' } });
    expect(retitle.status).toBe(409);
    expect(retitle.data.error).toMatchObject({ code: 'invalid_transition', details: { status: 'published', fields: ['title'] } });
    const unpin = await s.call('PATCH', `/notices/${draft.id}`, { cookie: c.cs, json: { pinned: false, expiresAt: new Date(s.clock.now().getTime() + 86400_000).toISOString() } });
    expect(unpin.status).toBe(200);
    expect(unpin.data.pinned).toBe(false);

    const withdrawn = await s.call('POST', `/notices/${draft.id}/withdraw`, { cookie: c.cs, json: { reason: '信息有误' } });
    expect(withdrawn.data).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String), withdrawnByName: expect.any(String) });
    expect(await residentTitles(c.zhang!)).not.toContain('正式标题');
    expect((await s.call('GET', `/resident/notices/${draft.id}`, { cookie: c.zhang })).status).toBe(404);
    expect((await s.call('POST', `/notices/${draft.id}/withdraw`, { cookie: c.cs, json: {} })).status).toBe(200);
    const republish = await s.call('POST', `/notices/${draft.id}/publish`, { cookie: c.cs, json: {} });
    expect(republish.status).toBe(409);
    expect(republish.data.error.code).toBe('invalid_transition');
    expect((await s.call('PATCH', `/notices/${draft.id}`, { cookie: c.cs, json: { pinned: true } })).status).toBe(409);

    const audit = await s.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, draft.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'publish', 'update', 'update', 'withdraw']);
  });

  it('withdrawing a draft is refused; creating with the same id again answers the stored notice', async () => {
    const id = randomUUID();
    const body = { id, estateId: s.ids.estate1, title: '幂等', body: '正文', targets: [{ kind: 'estate' }] };
    const first = await s.call('POST', '/notices', { cookie: c.cs, json: body });
    const second = await s.call('POST', '/notices', { cookie: c.cs, json: { ...body, title: '别的' } });
    expect(second.status).toBe(200);
    expect(second.data).toEqual(first.data);
    expect((await s.call('POST', '/notices', { cookie: c.cs, json: { ...body, estateId: s.ids.estate2 } })).status).toBe(404);
    expect((await s.call('POST', '/notices', { cookie: c.admin, json: { ...body, estateId: s.ids.estate2 } })).status).toBe(409);
    const res = await s.call('POST', `/notices/${id}/withdraw`, { cookie: c.cs, json: {} });
    expect(res.status).toBe(409);
  });
});

describe('staff scope', () => {
  it('another office’s manager: 404 on the notice, the estate’s list and writes; none in their list', async () => {
    const n = await notice({ title: '西湖的通知' });
    expect((await s.call('GET', `/notices/${n.id}`, { cookie: c.manager2 })).status).toBe(404);
    expect((await s.call('GET', `/notices?estateId=${s.ids.estate1}`, { cookie: c.manager2 })).status).toBe(404);
    expect((await s.call('POST', `/notices/${n.id}/withdraw`, { cookie: c.manager2, json: {} })).status).toBe(404);
    expect((await s.call('POST', '/notices', { cookie: c.manager2, json: { estateId: s.ids.estate1, title: 't', body: 'b' } })).status).toBe(404);
    const theirs = await s.call('GET', '/notices?pageSize=200', { cookie: c.manager2 });
    expect(theirs.data.items.some((x: any) => x.estateId === s.ids.estate1)).toBe(false);
    // and their own estate works for them
    const tower = await notice({ title: '华悦中心通知', estateId: s.ids.estate2, who: 'manager2' });
    expect(await residentTitles(c.tower!)).toContain('华悦中心通知');
    expect(await residentTitles(c.zhang!)).not.toContain('华悦中心通知');
    expect((await s.call('GET', `/notices/${tower.id}`, { cookie: c.cs })).status).toBe(404);
  });

  it('estate:read without notice:write: published notices only, read only', async () => {
    const published = await notice({ title: '收银员可见' });
    const draft = await notice({ title: '收银员不可见的草稿', draft: true });
    for (const who of ['cashier', 'tech1']) {
      const list = await s.call('GET', `/notices?estateId=${s.ids.estate1}&pageSize=200`, { cookie: c[who] });
      expect(list.status).toBe(200);
      expect(list.data.items.every((x: any) => x.status === 'published')).toBe(true);
      expect(list.data.items.some((x: any) => x.id === published.id)).toBe(true);
      expect((await s.call('GET', `/notices/${published.id}`, { cookie: c[who] })).status).toBe(200);
      expect((await s.call('GET', `/notices/${draft.id}`, { cookie: c[who] })).status).toBe(404);
      expect((await s.call('POST', `/notices/${published.id}/withdraw`, { cookie: c[who], json: {} })).status).toBe(403);
      expect((await s.call('PATCH', `/notices/${draft.id}`, { cookie: c[who], json: { pinned: true } })).status).toBe(404);
      expect((await s.call('POST', '/notices', { cookie: c[who], json: { estateId: s.ids.estate1, title: 't', body: 'b' } })).status).toBe(403);
    }
    const drafts = await s.call('GET', `/notices?status=draft&pageSize=200`, { cookie: c.cs });
    expect(drafts.data.items.some((x: any) => x.id === draft.id)).toBe(true);
    expect(drafts.data.items.every((x: any) => x.status === 'draft')).toBe(true);
    const search = await s.call('GET', `/notices?q=${encodeURIComponent('收银员可见')}`, { cookie: c.cs });
    expect(search.data.items.map((x: any) => x.id)).toEqual([published.id]);
  });
});

describe('attachments', () => {
  it('upload to a draft (type from the bytes), same id again is the same file, download by staff and residents', async () => {
    const draft = await notice({ title: '带附件', draft: true, targets: [{ kind: 'building', buildingId: s.ids.building1 }] });
    const pdfId = randomUUID();
    const up = await put(draft.id, pdfId, PDF, c.cs, 'C:\\fakepath\\停水通知.pdf');
    expect(up.status, up.raw).toBe(200);
    expect(up.data).toMatchObject({ id: pdfId, noticeId: draft.id, name: '停水通知.pdf', contentType: 'application/pdf', size: PDF.byteLength });
    const again = await put(draft.id, pdfId, PNG);
    expect(again.data).toMatchObject({ id: pdfId, contentType: 'application/pdf' });
    const png = await put(draft.id, randomUUID(), PNG, c.cs, '');
    expect(png.data).toMatchObject({ contentType: 'image/png', name: '附件.png' });
    expect((await put(draft.id, randomUUID(), PNG, c.cashier)).status).toBe(404);

    const exe = await put(draft.id, randomUUID(), new TextEncoder().encode('MZ\x90\x00 this is not a pdf'));
    expect(exe.status).toBe(415);
    expect(exe.data.error.code).toBe('unsupported_media_type');
    expect((await put(draft.id, randomUUID(), new Uint8Array())).status).toBe(400);
    const other = await notice({ draft: true });
    expect((await put(other.id, pdfId, PDF)).status).toBe(409);

    const removed = await s.call('DELETE', `/notices/${draft.id}/attachments/${png.data.id}`, { cookie: c.cs });
    expect(removed.data).toEqual({ ok: true });
    expect((await s.call('DELETE', `/notices/${draft.id}/attachments/${png.data.id}`, { cookie: c.cs })).status).toBe(404);

    await s.call('POST', `/notices/${draft.id}/publish`, { cookie: c.cs, json: {} });
    const late = await put(draft.id, randomUUID(), PNG);
    expect(late.status).toBe(409);
    expect((await s.call('DELETE', `/notices/${draft.id}/attachments/${pdfId}`, { cookie: c.cs })).status).toBe(409);

    const staff = await s.app.request(`/api/notices/${draft.id}/attachments/${pdfId}`, { headers: { cookie: c.cashier! } });
    expect(staff.status).toBe(200);
    expect(staff.headers.get('content-type')).toBe('application/pdf');
    expect(staff.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('停水通知.pdf')}`);
    expect(new Uint8Array(await staff.arrayBuffer())).toEqual(PDF);

    const detail = await s.call('GET', `/resident/notices/${draft.id}`, { cookie: c.zhang });
    expect(detail.data.attachments).toEqual([
      expect.objectContaining({ id: pdfId, name: '停水通知.pdf', url: `/api/resident/notices/${draft.id}/attachments/${pdfId}` }),
    ]);
    const res = await s.app.request(detail.data.attachments[0].url, { headers: { cookie: c.zhang! } });
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    for (const cookie of [c.li!, c.tower!]) expect((await s.app.request(detail.data.attachments[0].url, { headers: { cookie } })).status).toBe(404);
    expect((await s.call('GET', `/notices/${draft.id}/attachments/${pdfId}`, { cookie: c.manager2 })).status).toBe(404);
    expect((await s.call('GET', `/resident/notices/${draft.id}/attachments/${randomUUID()}`, { cookie: c.zhang })).status).toBe(404);
  });

  it('files up to 5 MB are stored (the service, below the HTTP body limit); over 5 MB → 413', async () => {
    const draft = await notice({ draft: true });
    const actor = (await loadStaffActor(s.db, s.ids.staff.cs!))!;
    const big = new Uint8Array(5 * 1024 * 1024);
    big.set(PDF);
    const id = randomUUID();
    const stored = await uploadAttachment({ ctx: { db: s.db, clock: s.clock, actor }, input: { noticeId: draft.id, attachmentId: id, name: '平面图.pdf', bytes: big } });
    expect(stored.size).toBe(5 * 1024 * 1024);
    const [row] = await s.db.select({ size: sql<number>`octet_length(${noticeAttachments.bytes})` }).from(noticeAttachments).where(eq(noticeAttachments.id, id));
    expect(Number(row!.size)).toBe(5 * 1024 * 1024);

    const tooBig = new Uint8Array(5 * 1024 * 1024 + 1);
    tooBig.set(PDF);
    await expect(uploadAttachment({ ctx: { db: s.db, clock: s.clock, actor }, input: { noticeId: draft.id, attachmentId: randomUUID(), bytes: tooBig } })).rejects.toMatchObject({ status: 413 });
    const http = await put(draft.id, randomUUID(), tooBig);
    expect(http.status).toBe(413);
    expect(http.data.error.code).toBe('payload_too_large');
  });

  it('at most 10 files on a notice', async () => {
    const draft = await notice({ draft: true });
    for (let i = 0; i < 10; i++) expect((await put(draft.id, randomUUID(), PNG)).status).toBe(200);
    const eleventh = await put(draft.id, randomUUID(), PNG);
    expect(eleventh.status).toBe(422);
    expect(eleventh.data.error.code).toBe('too_many_attachments');
  });
});

describe('payment reminders shown to residents', () => {
  it('the last 90 days of the unit’s reminders, newest first, without the staff’s note; not other units’', async () => {
    const at = (days: number) => new Date(s.clock.now().getTime() - days * 86400_000).toISOString();
    for (const [kind, note, when] of [
      ['phone', '业主说月底交，态度一般', at(10)],
      ['notice', '已送达催缴通知书，缴费期限 2026-12-12', at(2)],
      ['sms', '短信', at(100)],
    ] as const) {
      const res = await s.call('POST', `/units/${s.ids.unitZhang}/reminders`, { cookie: c.cs, json: { kind, note, at: when } });
      expect(res.status, res.raw).toBe(200);
    }
    await s.call('POST', `/units/${s.ids.unitLi}/reminders`, { cookie: c.cs, json: { kind: 'visit', note: '上门' } });

    const mine = await s.call('GET', '/resident/notices/reminders', { cookie: c.zhang });
    expect(mine.status).toBe(200);
    expect(mine.data.days).toBe(90);
    expect(mine.data.items.map((r: any) => r.kind)).toEqual(['notice', 'phone']);
    expect(mine.data.items[0]).toEqual({
      id: expect.any(String),
      unitId: s.ids.unitZhang,
      estateName: '翠湖花园',
      buildingName: '1栋',
      unitNumber: '1-101',
      kind: 'notice',
      at: at(2),
      owedAtTime: expect.stringMatching(/^\d+\.\d{2}$/),
    });
    expect(JSON.stringify(mine.data)).not.toContain('态度');
    const stored = await s.db.select().from(paymentReminders).where(eq(paymentReminders.unitId, s.ids.unitZhang));
    expect(stored.some((r) => r.note.includes('态度'))).toBe(true);

    const li = await s.call('GET', '/resident/notices/reminders', { cookie: c.li });
    expect(li.data.items.map((r: any) => r.unitNumber)).toEqual(['2-101']);
    const tower = await s.call('GET', '/resident/notices/reminders', { cookie: c.tower });
    expect(tower.data.items).toEqual([]);
  });
});
