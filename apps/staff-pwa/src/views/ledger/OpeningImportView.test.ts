import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, json, makeMe, mockFetch, type RecordedCall } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import OpeningImportView from './OpeningImportView.vue';
import { BAD_ROW, ESTATE, GOOD_ROW, letVantSettle, MANAGER_PERMISSIONS, makeOpeningPreview } from './test-data';

const ME = () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never }));
const IMPORT_ID = '99999999-0000-4000-8000-000000000001';
const committed = (alreadyImported = false) =>
  json(200, { importId: IMPORT_ID, alreadyImported, importedAt: '2025-06-12T06:05:00.000Z', summary: { rows: 2, valid: 2, invalid: 0, total: '208.50', units: 2 } });

let mounted: VueWrapper | null = null;
async function prepare() {
  const { wrapper } = await mountAt(`/ledger/opening-balances?estateId=${ESTATE.id}`, OpeningImportView);
  mounted = wrapper;
  await settle(10);
  expect(wrapper.get('[data-test="opening-template"]').attributes('href')).toBe('/api/billing/opening-balances/template');
  const input = wrapper.get<HTMLInputElement>('[data-test="opening-file-input"]');
  const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], '期初欠费.xlsx');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  await settle();
  expect(wrapper.get('[data-test="opening-file"]').text()).toContain('期初欠费.xlsx');
  await wrapper.get('[data-test="opening-preview"]').trigger('click');
  await settle(10);
  return wrapper;
}

/** The uploaded file: the multipart field `file`. */
async function uploaded(call: RecordedCall | undefined): Promise<number[]> {
  expect(call?.body).toBeInstanceOf(FormData);
  const file = (call!.body as FormData).get('file') as File;
  return [...new Uint8Array(await file.arrayBuffer())];
}

describe('OpeningImportView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('highlights the bad rows with why, and keeps commit disabled', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'POST /api/billing/opening-balances/preview': () => json(200, makeOpeningPreview([GOOD_ROW, BAD_ROW])),
    });
    const wrapper = await prepare();
    const preview = calls.find((c) => c.path === '/api/billing/opening-balances/preview');
    expect(preview?.query.get('estateId')).toBe(ESTATE.id);
    expect(await uploaded(preview)).toEqual([0x50, 0x4b, 3, 4]);

    expect(wrapper.get('[data-test="summary-invalid"]').text()).toContain('1');
    expect(wrapper.get('[data-test="summary-total"]').text()).toContain('¥120.00');
    // only the bad rows at first
    const bad = wrapper.findAll('[data-test="opening-row-bad"]');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.text()).toContain('第 3 行');
    expect(bad[0]!.text()).toContain('本项目没有该房屋');
    expect(bad[0]!.classes()).toContain('pm-import-row--bad');
    expect(wrapper.findAll('[data-test="opening-row"]')).toHaveLength(0);
    await wrapper.get('[data-test="opening-only-bad"]').trigger('click');
    await settle();
    expect(wrapper.findAll('[data-test="opening-row"]')).toHaveLength(1);
    expect(wrapper.get('[data-test="opening-row"]').text()).toContain('物业费 · 2025-01 · 2025-01-31 到期 · 系统上线前欠费');

    expect(wrapper.get('[data-test="opening-commit-hint"]').text()).toContain('请先修改表格中的错误行');
    expect(wrapper.get('[data-test="opening-commit"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-test="opening-commit"]').trigger('click');
    expect(calls.some((c) => c.path === '/api/billing/opening-balances/commit')).toBe(false);
  });

  it('commits a clean file with the previewed bytes and shows the result', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'POST /api/billing/opening-balances/preview': () => json(200, makeOpeningPreview([GOOD_ROW, { ...GOOD_ROW, row: 3, number: '1-102', amount: '88.50' }])),
      'POST /api/billing/opening-balances/commit': () => committed(),
    });
    const wrapper = await prepare();
    expect(wrapper.findAll('[data-test="opening-row"]')).toHaveLength(2);
    const commit = wrapper.get('[data-test="opening-commit"]');
    expect(commit.attributes('disabled')).toBeUndefined();
    expect(commit.text()).toContain('导入 2 笔期初欠费');
    await commit.trigger('click');
    await settle(10);
    const call = calls.find((c) => c.path === '/api/billing/opening-balances/commit');
    expect(call?.query.get('estateId')).toBe(ESTATE.id);
    expect(await uploaded(call)).toEqual([0x50, 0x4b, 3, 4]);
    expect(wrapper.get('[data-test="opening-result"]').text()).toContain('导入完成');
    expect(wrapper.get('[data-test="opening-result-summary"]').text()).toBe('共 2 笔，涉及 2 户，欠费合计 ¥208.50。');
  });

  it('shows the rows the server refused on commit (422 import_invalid)', async () => {
    mockFetch({
      'GET /api/me': ME,
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'POST /api/billing/opening-balances/preview': () => json(200, makeOpeningPreview([GOOD_ROW])),
      'POST /api/billing/opening-balances/commit': () =>
        apiError(422, 'import_invalid', '1 行有错误，未导入任何数据 1 rows have errors; nothing was imported', {
          summary: { rows: 1, valid: 0, invalid: 1, total: '0.00', units: 0 },
          rows: [{ ...GOOD_ROW, errors: ['该房屋该收费项目该期间已有应收'] }],
        }),
    });
    const wrapper = await prepare();
    await wrapper.get('[data-test="opening-commit"]').trigger('click');
    await settle(10);
    expect(wrapper.get('[data-test="opening-error"]').text()).toContain('1 行有错误，未导入任何数据');
    const bad = wrapper.findAll('[data-test="opening-row-bad"]');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.text()).toContain('该房屋该收费项目该期间已有应收');
    expect(wrapper.get('[data-test="summary-invalid"]').text()).toContain('1');
    expect(wrapper.get('[data-test="opening-commit"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-test="opening-result"]').exists()).toBe(false);
  });

  it('says a file was already imported, and when', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'POST /api/billing/opening-balances/preview': () =>
        json(
          200,
          makeOpeningPreview([], {
            alreadyImported: true,
            importId: IMPORT_ID,
            importedAt: '2025-06-12T06:05:00.000Z',
            summary: { rows: 2, valid: 2, invalid: 0, total: '208.50', units: 2 },
          }),
        ),
    });
    const wrapper = await prepare();
    const already = wrapper.get('[data-test="opening-already"]').text();
    expect(already).toContain('该文件已导入过');
    expect(already).toContain('2025-06-12 14:05');
    expect(wrapper.get('[data-test="summary-total"]').text()).toContain('¥208.50');
    expect(wrapper.find('[data-test="opening-commit"]').exists()).toBe(false);
    expect(calls.some((c) => c.path === '/api/billing/opening-balances/commit')).toBe(false);
  });
});
