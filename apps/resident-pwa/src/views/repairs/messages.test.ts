// The work-order screens' messages (`workOrders`, src/i18n/repairs.*.ts): both languages have the same keys,
// every key these screens name exists, and every state, command, actor and kind the API can send has words.
import { ACTOR_KINDS, WORK_ORDER_COMMANDS, WORK_ORDER_KINDS, WORK_ORDER_STATES } from '@pm/domain';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESIDENT_KINDS } from '../../api/work-orders';
import en from '../../i18n/en';
import zhCN from '../../i18n/zh-CN';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`)));
}

function node(tree: Tree, key: string): string | Tree | undefined {
  return key.split('.').reduce<string | Tree | undefined>((t, k) => (t && typeof t === 'object' ? t[k] : undefined), tree);
}

function text(tree: Tree, key: string): string | undefined {
  const v = node(tree, key);
  return typeof v === 'string' ? v : undefined;
}

const SRC = join(import.meta.dirname, '../..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') && name !== 'test-data.ts' ? [p] : [];
  });
}
const FILES = [
  ...sources(join(SRC, 'views/repairs')),
  join(SRC, 'views/RepairsView.vue'),
  join(SRC, 'router/routes.repairs.ts'),
  join(SRC, 'api/work-orders.ts'),
];

describe('work-order messages', () => {
  const zh = zhCN as unknown as Tree;
  const eng = en as unknown as Tree;

  it('en and zh-CN have the same keys, none empty, none with vue-i18n special characters', () => {
    const zhKeys = flatten(zh.workOrders as Tree);
    expect(flatten(eng.workOrders as Tree).sort()).toEqual([...zhKeys].sort());
    for (const key of zhKeys) {
      for (const tree of [zh, eng]) {
        const v = text(tree, `workOrders.${key}`)!;
        expect(v.trim(), key).not.toBe('');
        expect(v, key).not.toMatch(/[@|$]/);
      }
    }
  });

  it('every key the screens name exists', () => {
    const used = new Set<string>();
    for (const file of FILES) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/\$?\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'/g)) used.add(m[1]!);
      for (const m of src.matchAll(/'(workOrders(?:\.[a-zA-Z0-9_]+)+)'/g)) used.add(m[1]!);
      for (const m of src.matchAll(/title: '([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(80);
    // A scope handed to errorText (`workOrders.errors`) is a subtree; everything else a text.
    expect([...used].filter((k) => (k === 'workOrders.errors' ? node(zh, k) : text(zh, k)) === undefined)).toEqual([]);
  });

  it('has words for everything the API can send and the keys built at run time', () => {
    const built = [
      ...WORK_ORDER_STATES.map((s) => `workOrders.state.${s}`),
      ...[...WORK_ORDER_COMMANDS, 'open', 'submit', 'comment'].map((c) => `workOrders.event.${c}`),
      ...ACTOR_KINDS.map((a) => `workOrders.actor.${a}`),
      ...WORK_ORDER_KINDS.map((k) => `workOrders.kind.${k}`),
      ...RESIDENT_KINDS.flatMap((k) => [`workOrders.newTitle.${k}`, `workOrders.form.descriptionPlaceholder.${k}`]),
      ...['location.unit', 'location.common_area'].map((k) => `workOrders.${k}`),
      ...[1, 2, 3, 4, 5].map((n) => `workOrders.survey.stars.s${n}`),
      ...['repair', 'complaint', 'paidService'].flatMap((k) => [`workOrders.home.${k}`, `workOrders.home.${k}Desc`]),
    ];
    expect(built.filter((k) => text(zh, k) === undefined || text(eng, k) === undefined)).toEqual([]);
  });
});
