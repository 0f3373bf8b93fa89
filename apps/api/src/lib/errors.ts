/**
 * Typed errors thrown by services and middleware, mapped once at the edge (app.ts onError) to the one
 * error shape `{ error: { code, message, details } }`. Anything else that escapes is a real bug: 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'validation_failed', message, details);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = '请先登录 Please log in') {
    super(401, 'unauthenticated', message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = '没有权限 Not allowed') {
    super(403, 'forbidden', message);
  }
}
export class NotFoundError extends AppError {
  constructor(entity: string) {
    super(404, 'not_found', `${entity} not found`);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}
export class UnprocessableError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(422, code, message, details);
  }
}
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', '尝试次数过多，请稍后再试 Too many attempts, try again later', { retryAfterSeconds });
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** PostgreSQL error codes we turn into 4xx: a unique or FK violation is the client's conflict, not a crash. */
export function fromDatabaseError(e: unknown): AppError | undefined {
  const err = findPgError(e);
  if (!err) return undefined;
  switch (err.code) {
    case '23505':
      return new ConflictError('已存在 Already exists', { constraint: err.constraint_name ?? err.constraint });
    case '23503':
      return new ValidationError('引用的记录不存在 Referenced record does not exist', {
        constraint: err.constraint_name ?? err.constraint,
      });
    case '23514':
      return new ValidationError('数据不符合约束 Value violates a rule', { constraint: err.constraint_name ?? err.constraint });
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return new ValidationError('数据格式错误 Invalid value');
    default:
      return undefined;
  }
}

interface PgErrorLike {
  code: string;
  constraint?: string;
  constraint_name?: string;
}
function findPgError(e: unknown): PgErrorLike | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const c = cur as { code?: unknown; cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return c as PgErrorLike;
    cur = c.cause;
  }
  return undefined;
}
