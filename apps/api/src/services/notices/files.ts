/**
 * Attachment files: what a file is, decided by its first bytes (a browser may call a PDF
 * `application/octet-stream`, and a renamed .exe must not pass as a PDF), a safe display name, and the
 * headers a download goes out with.
 */
import { MAX_NOTICE_ATTACHMENT_BYTES, type NOTICE_ATTACHMENT_TYPES } from '../../db/schema';
import { AppError, ValidationError } from '../../lib/errors';

export type AttachmentType = (typeof NOTICE_ATTACHMENT_TYPES)[number];
/** At most this many files on one notice. */
export const MAX_ATTACHMENTS = 10;

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The file's type from its signature, or null when it is none of the allowed kinds. */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** Refuses an empty, oversized or unrecognised file; returns its type. */
export function checkFile(bytes: Uint8Array): AttachmentType {
  if (bytes.byteLength === 0) throw new ValidationError('empty file');
  if (bytes.byteLength > MAX_NOTICE_ATTACHMENT_BYTES) throw new AppError(413, 'payload_too_large', '附件不能超过 5 MB The file is larger than 5 MB');
  const type = sniffType(bytes);
  if (!type) throw new AppError(415, 'unsupported_media_type', '附件须为 PDF 或 JPEG/PNG/WebP 图片 Attachments must be PDF, JPEG, PNG or WebP');
  return type;
}

const EXTENSION: Record<AttachmentType, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp' };

/**
 * The name shown and downloaded: the uploader's file name without any folder part, control characters or
 * characters file systems refuse, at most 100 characters; "附件.pdf" when nothing is left.
 */
export function displayName(name: string | undefined, type: AttachmentType): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f"*:<>?|]/g, '').trim().slice(-100);
  return clean || `附件${EXTENSION[type]}`;
}

/** Headers of a download: shown in the browser (images, PDF) under its own name (app.ts adds no-store and nosniff). */
export function downloadHeaders(file: { name: string; contentType: string; size: number }): Record<string, string> {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return {
    'Content-Type': file.contentType,
    'Content-Length': String(file.size),
    'Content-Disposition': `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
  };
}
