// `npm test`: install, make sure Debian's Chromium is there for the browser tests, then lint, typecheck,
// build and every test through turbo. Ends with one line "tests: N passed, N failed" summed over all
// vitest runs (each writes a JSON report to .test-results/). Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { install, root, runPnpm } from './lib.mjs';

const hasCjkFont = () => spawnSync('sh', ['-c', 'fc-list :lang=zh | grep -q .']).status === 0;

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path) && hasCjkFont()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    if (existsSync(path)) return console.warn('No Chinese font found: screenshots will show boxes (sudo apt-get install -y fonts-wqy-microhei).');
    console.error(`Chromium is missing at ${path}. Install Debian's chromium (sudo apt-get install -y chromium fonts-wqy-microhei) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  console.log('installing Debian chromium and a Chinese font for the browser tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  const inst = spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-wqy-microhei'], { stdio: 'inherit', env });
  if (update.status !== 0 || inst.status !== 0 || !existsSync(path)) {
    console.error('could not install chromium with apt-get');
    process.exit(1);
  }
}

function summarise() {
  const dir = join(root, '.test-results');
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const f of existsSync(dir) ? readdirSync(dir) : []) {
    const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    passed += r.numPassedTests ?? 0;
    // A suite that crashed before running its tests counts as a failure too.
    failed += (r.numFailedTests ?? 0) + (r.numFailedTests ? 0 : (r.numFailedTestSuites ?? 0));
    // A run that failed outside any test (an unhandled error) counts as one failure.
    if (r.success === false && !r.numFailedTests && !r.numFailedTestSuites) failed += 1;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  }
  return { passed, failed, skipped };
}

rmSync(join(root, '.test-results'), { recursive: true, force: true });
mkdirSync(join(root, '.test-results'), { recursive: true });
let ok = true;
try {
  await install();
  ensureChromium();
  await runPnpm(['turbo', 'run', 'lint', 'lint:root', 'typecheck', '--concurrency=2', '--output-logs=errors-only']);
  await runPnpm(['turbo', 'run', 'test', '--concurrency=1']);
} catch (e) {
  console.error(e.message);
  ok = false;
}
const { passed, failed, skipped } = summarise();
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok && failed === 0 ? 0 : 1);
