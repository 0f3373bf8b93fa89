/**
 * Provider time formats. Both providers write China Standard Time, which is UTC+8 all year (no DST), so a
 * fixed offset is exact and the server's own time zone never matters.
 */
const CST_OFFSET_MS = 8 * 3600 * 1000;

/** 2024-05-01T10:00:00+08:00 (WeChat Pay time_expire, success_time). */
export function toCstRfc3339(date: Date): string {
  return `${new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** 2024-05-01 10:00:00 (Alipay timestamp, time_expire, gmt_payment). */
export function toCstDateTime(date: Date): string {
  return new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** An RFC 3339 time with an explicit offset; null when absent or unparsable. */
export function parseRfc3339(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2024-05-01 10:00:00" (gmt_refund adds ".123") read as China Standard Time; null when absent or unparsable. */
export function parseCstDateTime(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,3})?$/.test(value)) return null;
  const date = new Date(`${value.replace(' ', 'T')}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}
