/** The one place configuration is read from the environment, validated at start. */
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** postgres://… switches from embedded PGlite to a PostgreSQL server. */
  DATABASE_URL: z.string().url().optional(),
  /** PGlite data folder (ignored when DATABASE_URL is set). */
  DATA_DIR: z.string().default('./data'),
  /** Trust X-Forwarded-For for the client IP (behind a load balancer). */
  TRUST_PROXY: z.stringbool().default(false),
  /** Mark cookies Secure (set behind HTTPS). */
  COOKIE_SECURE: z.stringbool().default(false),
  /** 'auto' seeds demo data into an empty database; 'never' leaves it empty. */
  SEED: z.enum(['auto', 'never']).default('auto'),
  LOG_LEVEL: z.enum(['silent', 'info', 'debug']).default('info'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

export type Env = z.infer<typeof schema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return parsed.data;
}
