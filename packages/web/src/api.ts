/**
 * The fetch the PWAs give to the typed Hono client (`hc` from @pm/api/client). It always sends the session
 * cookie, never lets the HTTP cache answer, and turns the API's one error shape
 * `{ error: { code, message, details } }` into an ApiError the screens can show.
 */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** A network failure (offline, DNS, reset) rather than an answer from the server. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export const apiFetch: typeof fetch = async (input, init) => {
  let res: Response;
  try {
    res = await fetch(input, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'network_error', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    let body: Partial<ApiErrorBody> | undefined;
    try {
      body = (await res.clone().json()) as Partial<ApiErrorBody>;
    } catch {
      body = undefined;
    }
    const err = body?.error;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? res.statusText, err?.details);
  }
  return res;
};

/** Reads a JSON body with its type; used on hc responses after apiFetch has already thrown for non-2xx. */
export async function json<T>(res: Promise<{ json(): Promise<T> }> | { json(): Promise<T> }): Promise<T> {
  return (await res).json();
}
