import { describe, expect, it, vi } from 'vitest';
import type { Paged } from '../api/types';
import { usePagedList } from './usePagedList';

function pages(total: number, pageSize: number) {
  return vi.fn(async (page: number): Promise<Paged<number>> => {
    const start = (page - 1) * pageSize;
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => start + i);
    return { items, total, page, pageSize };
  });
}

describe('usePagedList', () => {
  it('loads page after page until total is reached', async () => {
    const fetchPage = pages(45, 20);
    const list = usePagedList(fetchPage, 20);
    await list.load();
    expect(list.items.value).toHaveLength(20);
    expect(list.finished.value).toBe(false);
    await list.load();
    await list.load();
    expect(list.items.value).toHaveLength(45);
    expect(list.finished.value).toBe(true);
    expect(list.total.value).toBe(45);
    await list.load();
    expect(fetchPage).toHaveBeenCalledTimes(3);
    expect(fetchPage.mock.calls.map((c) => c[0])).toEqual([1, 2, 3]);
  });

  it('with a capped total keeps loading past it until a short page', async () => {
    // 50 rows exist but the API counts only up to 30 and says so.
    const fetchPage = vi.fn(async (page: number): Promise<Paged<number>> => {
      const start = (page - 1) * 20;
      const items = Array.from({ length: Math.max(0, Math.min(20, 50 - start)) }, (_, i) => start + i);
      return { items, total: 30, totalCapped: true, page, pageSize: 20 };
    });
    const list = usePagedList(fetchPage, 20);
    await list.load();
    await list.load();
    expect(list.finished.value).toBe(false);
    expect(list.totalCapped.value).toBe(true);
    await list.load();
    expect(list.items.value).toHaveLength(50);
    expect(list.finished.value).toBe(true);
  });

  it('an empty first page is finished and loaded', async () => {
    const list = usePagedList(pages(0, 20));
    await list.load();
    expect(list.finished.value).toBe(true);
    expect(list.loaded.value).toBe(true);
    expect(list.items.value).toEqual([]);
  });

  it('a failure sets error, keeps what was loaded, and retry continues', async () => {
    const ok = pages(30, 20);
    let fail = false;
    const list = usePagedList(async (page: number) => {
      if (fail) throw new Error('boom');
      return ok(page);
    }, 20);
    await list.load();
    fail = true;
    await list.load();
    expect(list.error.value).toBe(true);
    expect(list.items.value).toHaveLength(20);
    fail = false;
    await list.load();
    expect(list.error.value).toBe(false);
    expect(list.items.value).toHaveLength(30);
  });

  it('reset drops answers to an older search that arrive late', async () => {
    const resolvers: ((p: Paged<string>) => void)[] = [];
    const list = usePagedList(
      (page: number) =>
        new Promise<Paged<string>>((resolve) => {
          resolvers.push(resolve);
          void page;
        }),
    );
    const first = list.load();
    const second = list.reset();
    resolvers[1]?.({ items: ['new'], total: 1, page: 1, pageSize: 20 });
    await second;
    resolvers[0]?.({ items: ['old'], total: 1, page: 1, pageSize: 20 });
    await first;
    expect(list.items.value).toEqual(['new']);
    expect(list.loading.value).toBe(false);
  });
});
