/** zod building blocks shared by the route schemas: ids, paging, bounded text, areas as decimal strings. */
import { z } from '@hono/zod-openapi';

export const Uuid = z.uuid();
export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

/**
 * Bounded, trimmed text: no field accepts a megabyte of input, and names, numbers and addresses refuse
 * markup, statement separators and control characters — they never legitimately appear in them, and
 * refusing them keeps pasted HTML/SQL out of the data (queries are parameterised regardless).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const UNSAFE_TEXT = /[<>;\u0000-\u001f\u007f]|--/;
const safe = (s: z.ZodString) => s.refine((v) => !UNSAFE_TEXT.test(v), 'contains characters that are not allowed (< > ; -- or control characters)');
export const Text = (max = 100) => safe(z.string().trim().min(1).max(max));
export const OptionalText = (max = 200) => safe(z.string().trim().max(max));

export const Phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mainland mobile number');
export const LoosePhone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/, 'invalid phone number');

/** A positive area in m² as a decimal string with at most 2 decimals ("89.37"). Never a JS number. */
export const Area = z
  .string()
  .regex(/^\d{1,8}(\.\d{1,2})?$/, 'must be a decimal string like "89.37"')
  .refine((s) => Number(s) > 0, 'must be greater than 0')
  .openapi({ example: '89.37' });

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(100).optional(),
});

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    /** true when there are more than `total` (lists that cap their count, e.g. units at 10,000). */
    totalCapped: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .openapi('Error');

export const errorResponses = {
  400: { description: 'Invalid input', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Not logged in', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Not allowed', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'Not found (or outside your scope)', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
export const jsonOk = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  200: { description, content: { 'application/json': { schema } } },
  ...errorResponses,
});

/** Escape LIKE wildcards in user search text. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
