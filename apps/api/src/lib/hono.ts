/** The Hono environment every route sees, and the router factory that validates with zod at the edge. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Db } from '../db';
import type { PaymentsRuntime } from '../payments/runtime';
import type { CodeSender } from '../services/auth/code-sender';
import type { Clock, ResidentActor, StaffActor } from './context';
import { ValidationError } from './errors';
import type { Logger } from './logger';

export interface AppDeps {
  db: Db;
  clock: Clock;
  codeSender: CodeSender;
  logger: Logger;
  config: { cookieSecure: boolean; trustProxy: boolean };
  /** Static front ends to serve (absent in API tests). */
  staticRoots?: { staff?: string; resident?: string };
  /** Payment providers from the environment (server.ts); absent: an in-memory sandbox (payments/runtime.ts). */
  payments?: PaymentsRuntime;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    staff: StaffActor;
    resident: ResidentActor;
  };
}

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    // zod failures become the one error shape, 400, with the field paths in details.
    defaultHook: (result) => {
      if (!result.success) {
        throw new ValidationError(
          '输入不合法 Invalid input',
          result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      }
    },
  });
}
