// Shared helpers for the root scripts. These run under plain Node.js 20 before anything is installed,
// so they use nothing but node: built-ins.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const baseEnv = {
  ...process.env,
  COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
  COREPACK_ENABLE_STRICT: '0',
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  DO_NOT_TRACK: '1',
};

let pnpmCommand;
/**
 * pnpm comes from the hash-pinned packageManager field through corepack; a global pnpm is the fallback.
 * Corepack's shims go into a folder of our own on PATH (no root needed), because turbo looks for a `pnpm`
 * binary of its own when it runs the package scripts.
 */
export function pnpm() {
  if (pnpmCommand) return pnpmCommand;
  const shimDir = join(root, 'node_modules', '.corepack-bin');
  mkdirSync(shimDir, { recursive: true });
  const enable = spawnSync('corepack', ['enable', 'pnpm', '--install-directory', shimDir], { cwd: root, env: baseEnv, encoding: 'utf8' });
  const viaCorepack = enable.status === 0 && spawnSync(join(shimDir, 'pnpm'), ['--version'], { cwd: root, env: baseEnv, encoding: 'utf8' });
  if (viaCorepack && viaCorepack.status === 0) {
    baseEnv.PATH = `${shimDir}${delimiter}${baseEnv.PATH ?? ''}`;
    pnpmCommand = [join(shimDir, 'pnpm')];
    return pnpmCommand;
  }
  const global = spawnSync('pnpm', ['--version'], { env: baseEnv, encoding: 'utf8' });
  if (global.status !== 0 || global.stdout.trim() !== '10.34.9') {
    console.log('corepack could not provide pnpm; installing pnpm@10.34.9 with npm');
    const r = spawnSync('npm', ['i', '-g', 'pnpm@10.34.9'], { stdio: 'inherit', env: baseEnv });
    if (r.status !== 0) throw new Error('could not install pnpm');
  }
  pnpmCommand = ['pnpm'];
  return pnpmCommand;
}

/** Runs a command, inheriting stdio; rejects on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts, env: { ...baseEnv, ...opts.env } });
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`));
    });
    child.on('error', reject);
  });
}

export function runPnpm(args, opts) {
  const [cmd, ...pre] = pnpm();
  return run(cmd, [...pre, ...args], opts);
}

/** Installs dependencies exactly as locked. Cheap when nothing changed. */
export async function install() {
  await runPnpm(['install', '--frozen-lockfile', '--prefer-offline']);
}

