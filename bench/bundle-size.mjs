// `npm run bench -- bundle-size`: the JavaScript each PWA makes the browser download before its first route
// can render, gzipped — the entry <script type="module" src> of dist/index.html, its <link rel="modulepreload">
// hrefs and, recursively, every chunk the entry statically imports (`import … from "./x.js"` at the top
// of a chunk; dynamic import() is lazy and not counted). Budget: 170 KB (1 KB = 1000 bytes, as Vite prints)
// per app; exits 1 when an app is over it. Also reports the first route's CSS and the service worker's
// precache (every file in precacheAndRoute([...]) of dist/sw.js).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { BenchError, main, out, root } from './_lib.mjs';

const { values } = parseArgs({ options: { budget: { type: 'string', default: '170' }, verbose: { type: 'boolean', default: false } } });
const BUDGET_KB = Number(values.budget);
const APPS = [
  ['staff', 'apps/staff-pwa/dist'],
  ['resident', 'apps/resident-pwa/dist'],
];

const kb = (bytes) => Math.round(bytes / 10) / 100; // 1 KB = 1000 bytes, two decimals
const gzipSize = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Attributes of every <tag …> in html, as objects (names lower-cased). */
function tags(html, tag) {
  const found = [];
  for (const m of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attrs = {};
    for (const a of m[1].matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    found.push(attrs);
  }
  return found;
}

/**
 * Maps a URL from index.html (e.g. /staff/assets/index-abc.js with the app's base, or assets/x.js) or an
 * import specifier (./x.js, relative to `from`) to a file in dist. Unknown base prefixes are stripped one
 * segment at a time until a file matches.
 */
function resolveAsset(dist, ref, from = dist) {
  const clean = decodeURIComponent(ref.split(/[?#]/)[0]);
  if (/^[a-z]+:\/\//i.test(clean) || clean.startsWith('//')) return undefined; // another origin
  if (clean.startsWith('./') || clean.startsWith('../')) {
    const file = resolve(from, clean);
    return existsSync(file) && statSync(file).isFile() && !relative(dist, file).startsWith('..') ? file : undefined;
  }
  const parts = clean.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const file = join(dist, ...parts.slice(i));
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

/**
 * Specifiers of the static imports at the top of a chunk: Rollup/Rolldown hoist them to the start (after
 * Vite's `const __vite__mapDeps=…` line, when there is one). Dynamic import() is not matched.
 */
function topLevelImports(code) {
  let pos = 0;
  const mapDeps = /^\s*(?:const|var|let)\s+__vite__mapDeps\s*=[^\n]*\n/.exec(code);
  if (mapDeps) pos = mapDeps[0].length;
  const stmt =
    /(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n|["']use strict["'];?)*(?:import\s*(?:([\w$]+\s*,?\s*)?(\*\s*as\s+[\w$]+|\{[^}]*\})?\s*from\s*|(?=["']))|export\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*)["']([^"']+)["']\s*;?/y;
  const specs = [];
  for (;;) {
    stmt.lastIndex = pos;
    const m = stmt.exec(code);
    if (!m) break;
    specs.push(m[3]);
    pos = stmt.lastIndex;
  }
  return specs;
}

function measureApp(key, distRel) {
  const dist = join(root, distRel);
  const indexFile = join(dist, 'index.html');
  if (!existsSync(indexFile)) throw new BenchError(`${distRel}/index.html is missing: build the app first (npm run bench -- bundle-size builds it)`);
  const html = readFileSync(indexFile, 'utf8');

  const entries = tags(html, 'script').filter((a) => a.type === 'module' && a.src);
  if (!entries.length) throw new BenchError(`${distRel}/index.html has no <script type="module" src=…>`);
  const preloads = tags(html, 'link').filter((a) => a.rel?.split(/\s+/).includes('modulepreload') && a.href);
  const styles = tags(html, 'link').filter((a) => a.rel?.split(/\s+/).includes('stylesheet') && a.href);

  // JS: the entries, the modulepreloads, and everything they statically import.
  const js = new Set();
  const queue = [];
  const add = (ref, from, what) => {
    const file = resolveAsset(dist, ref, from);
    if (!file) {
      if (/^[a-z]+:\/\/|^\/\//i.test(ref)) return; // another origin: not ours to size
      if (!ref.startsWith('.') && !ref.startsWith('/')) throw new BenchError(`${key}: ${what} imports the bare specifier "${ref}" — not a built chunk`);
      throw new BenchError(`${key}: ${what} refers to ${ref}, which is not in ${distRel}`);
    }
    if (js.has(file)) return;
    js.add(file);
    queue.push(file);
  };
  for (const e of entries) add(e.src, dist, 'index.html <script>');
  for (const p of preloads) add(p.href, dist, 'index.html <link rel="modulepreload">');
  while (queue.length) {
    const file = queue.shift();
    for (const spec of topLevelImports(readFileSync(file, 'utf8'))) add(spec, dirname(file), relative(dist, file));
  }

  const css = new Set();
  for (const s of styles) {
    const file = resolveAsset(dist, s.href);
    if (file) css.add(file);
    else if (!/^[a-z]+:\/\/|^\/\//i.test(s.href)) throw new BenchError(`${key}: stylesheet ${s.href} is not in ${distRel}`);
  }

  const sum = (files, f) => [...files].reduce((n, file) => n + f(file), 0);
  const result = {
    jsFiles: [...js].map((f) => relative(dist, f).split(sep).join('/')),
    jsBytes: sum(js, (f) => statSync(f).size),
    jsGzip: sum(js, gzipSize),
    cssFiles: css.size,
    cssGzip: sum(css, gzipSize),
  };
  if (values.verbose) for (const f of js) console.error(`  ${key} js  ${relative(dist, f)}  ${kb(statSync(f).size)} KB, gzip ${kb(gzipSize(f))} KB`);

  // Precache: the URLs workbox's precacheAndRoute lists in sw.js.
  const swFile = join(dist, 'sw.js');
  if (existsSync(swFile)) {
    const sw = readFileSync(swFile, 'utf8');
    const urls = [...new Set([...sw.matchAll(/["']?url["']?\s*:\s*["'`]([^"'`]+)["'`]/g)].map((m) => m[1]))];
    const files = [];
    const missing = [];
    for (const u of urls) {
      const file = resolveAsset(dist, u);
      if (file) files.push(file);
      else missing.push(u);
    }
    if (missing.length) console.error(`  ${key}: precache entries not found in ${distRel}: ${missing.join(', ')}`);
    result.precache = { files: files.length, bytes: sum(files, (f) => statSync(f).size), gzip: sum(files, gzipSize) };
  }
  return result;
}

await main(async () => {
  if (!(BUDGET_KB > 0)) throw new BenchError('--budget needs a positive number of KB');
  out('budget_kb', BUDGET_KB);
  const over = [];
  const summary = [];
  const problems = [];
  for (const [key, distRel] of APPS) {
    let r;
    try {
      r = measureApp(key, distRel);
    } catch (e) {
      problems.push(e.message);
      out(`${key}_first_route_js_gzip_kb`, 'n/a');
      summary.push(`${key} n/a`);
      continue;
    }
    const gz = kb(r.jsGzip);
    out(`${key}_first_route_js_gzip_kb`, gz);
    out(`${key}_first_route_js_kb`, kb(r.jsBytes));
    out(`${key}_first_route_js_files`, `${r.jsFiles.length} (${r.jsFiles.join(', ')})`);
    out(`${key}_first_route_css_gzip_kb`, kb(r.cssGzip));
    if (r.precache) {
      out(`${key}_precache_files`, r.precache.files);
      out(`${key}_precache_kb`, kb(r.precache.bytes));
      out(`${key}_precache_gzip_kb`, kb(r.precache.gzip));
    } else {
      out(`${key}_precache_kb`, 'n/a (no dist/sw.js)');
    }
    const ok = gz <= BUDGET_KB;
    out(`${key}_within_budget`, ok ? 'yes' : 'no');
    if (!ok) over.push(`${key} ${gz} KB`);
    summary.push(`${key} ${gz} KB${ok ? '' : ' (OVER)'}`);
  }
  const verdict = problems.length ? 'INCOMPLETE' : over.length ? 'OVER BUDGET' : 'OK';
  console.log(`bundle-size: first-route JS gzipped — ${summary.join(', ')} (budget ${BUDGET_KB} KB each) — ${verdict}`);
  if (over.length) throw new BenchError(`over the ${BUDGET_KB} KB budget: ${over.join(', ')}`);
  if (problems.length) throw new BenchError(problems.join('; '));
});
