/** Paths resolved from this module: the same from src/ (tsx, vitest) and from dist/ (the built bundle). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

export const MIGRATIONS_DIR = here('../drizzle');
export function appDist(app: 'staff-pwa' | 'resident-pwa'): string | undefined {
  const dir = here(`../../${app}/dist`);
  return existsSync(`${dir}/index.html`) ? dir : undefined;
}
