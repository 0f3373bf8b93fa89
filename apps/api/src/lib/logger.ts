/** Structured JSON log lines (one per request, plus notable events), to stdout. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: 'silent' | 'info' | 'debug' = 'info'): Logger {
  const write = (lvl: string, msg: string, fields?: Record<string, unknown>) => {
    if (level === 'silent') return;
    process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...fields })}\n`);
  };
  return {
    info: (msg, fields) => write('info', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
  };
}

export const silentLogger: Logger = { info: () => {}, error: () => {} };
