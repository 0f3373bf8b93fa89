// Every literal message key used in the code exists in both languages; both have the same keys.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en';
import zhCN from './zh-CN';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`)));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('messages', () => {
  const zhKeys = new Set(flatten(zhCN as Tree));

  it('en and zh-CN have the same keys and no empty texts', () => {
    expect(flatten(en as Tree).sort()).toEqual([...zhKeys].sort());
    for (const lang of [zhCN, en] as Tree[]) {
      const walk = (t: Tree): void => {
        for (const v of Object.values(t)) {
          if (typeof v === 'string') expect(v.trim()).not.toBe('');
          else walk(v);
        }
      };
      walk(lang);
    }
  });

  it('every key the code names exists', () => {
    const root = join(import.meta.dirname, '..');
    const used = new Set<string>();
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/(?:label|title): '([a-zA-Z]+\.[a-zA-Z_.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !zhKeys.has(k));
    expect(missing).toEqual([]);
  });

  it('has no vue-i18n special characters that would be misread', () => {
    for (const key of zhKeys) {
      const get = (tree: Tree) => key.split('.').reduce<string | Tree>((t, k) => (t as Tree)[k]!, tree) as string;
      for (const text of [get(zhCN as Tree), get(en as Tree)]) expect(text, key).not.toMatch(/[@|]/);
    }
  });
});
