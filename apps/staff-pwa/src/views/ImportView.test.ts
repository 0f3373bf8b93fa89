import { beforeEach, describe, expect, it } from 'vitest';
import { type RecordedCall, json, makeMe, mockFetch } from '../test/fetch-mock';
import { mountAt, settle } from '../test/mount';
import ImportView from './ImportView.vue';

const office = { id: 'office-1', parentId: 'co-1', kind: 'office', name: '阳光管理处', path: ['g', 'co-1', 'office-1'] };
const summary = (invalid: number) => ({ rows: 2, valid: 2 - invalid, invalid, newEstates: 1, newBuildings: 1, newUnits: 2, newParties: 2 });
const goodRow = { row: 2, estate: '阳光花园', building: '1栋', number: '101', errors: [] };
const badRow = { row: 3, estate: '阳光花园', building: '1栋', number: '', errors: ['房号不能为空'] };

function routes(previewRows: unknown[], invalid: number, onCommit?: (c: RecordedCall) => void) {
  return mockFetch({
    'GET /api/me': () => json(200, makeMe()),
    'GET /api/org/nodes': () => json(200, { items: [office], total: 1, page: 1, pageSize: 20 }),
    'POST /api/imports/units/preview': () => json(200, { ok: invalid === 0, summary: summary(invalid), rows: previewRows }),
    'POST /api/imports/units/commit': (c) => {
      onCommit?.(c);
      return json(200, { summary: summary(0) });
    },
  });
}

async function prepare() {
  const { wrapper } = await mountAt('/import', ImportView);
  await settle();
  // office
  await wrapper.get('[data-test="import-office"]').trigger('click');
  await settle(10);
  const option = document.body.querySelector<HTMLElement>('[data-test="node-option"]');
  expect(option?.textContent).toContain('阳光管理处');
  option?.click();
  await settle();
  // file
  const input = wrapper.get<HTMLInputElement>('[data-test="import-file-input"]');
  const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'units.xlsx');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  await settle();
  expect(wrapper.get('[data-test="import-file"]').text()).toContain('units.xlsx');
  await wrapper.get('[data-test="import-preview"]').trigger('click');
  await settle(10);
  return wrapper;
}

describe('ImportView', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '';
  });

  it('highlights bad rows and keeps commit disabled', async () => {
    const { calls } = routes([goodRow, badRow], 1);
    const wrapper = await prepare();
    const preview = calls.find((c) => c.path === '/api/imports/units/preview');
    expect(preview?.query.get('officeId')).toBe('office-1');
    expect(preview?.headers.get('content-type')).toBe('application/octet-stream');

    expect(wrapper.get('[data-test="summary-invalid"]').text()).toContain('1');
    const bad = wrapper.findAll('[data-test="import-row-bad"]');
    expect(bad).toHaveLength(1);
    expect(bad[0]?.text()).toContain('房号不能为空');
    expect(bad[0]?.classes()).toContain('pm-import-row--bad');
    expect(wrapper.get('[data-test="import-commit"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-test="import-commit"]').trigger('click');
    expect(calls.some((c) => c.path === '/api/imports/units/commit')).toBe(false);
  });

  it('commits a clean sheet and shows the result', async () => {
    let committed: RecordedCall | undefined;
    routes([goodRow, { ...goodRow, row: 3, number: '102' }], 0, (c) => {
      committed = c;
    });
    const wrapper = await prepare();
    expect(wrapper.findAll('[data-test="import-row"]')).toHaveLength(2);
    const commit = wrapper.get('[data-test="import-commit"]');
    expect(commit.attributes('disabled')).toBeUndefined();
    await commit.trigger('click');
    await settle(10);
    expect(committed?.query.get('officeId')).toBe('office-1');
    expect(committed?.body).toBeInstanceOf(ArrayBuffer);
    expect(wrapper.get('[data-test="import-result"]').text()).toContain('导入完成');
  });
});
