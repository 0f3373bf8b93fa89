// Bundles the API server (and the seed CLI) with esbuild. Our workspace packages (TypeScript source) are
// bundled in; every npm dependency stays external and is loaded from node_modules at run time (PGlite
// must be, since it finds its WASM files next to its own module).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@pm/'));

await build({
  entryPoints: { server: 'src/server.ts', seed: 'src/seed/cli.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((d) => `${d}/*`)],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
console.log('api: built dist/server.js and dist/seed.js');
