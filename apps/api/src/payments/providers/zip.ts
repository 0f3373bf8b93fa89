/**
 * A minimal ZIP reader for the providers' bill downloads (Alipay sends its 对账单 as a .csv.zip).
 *
 * Why by hand: node:zlib already inflates raw DEFLATE and computes CRC-32, and what is left of the format is a
 * few fixed-offset records. A bill archive is small, on one disk, unencrypted and not ZIP64, so ~100 lines
 * cover it without a dependency. The archive is untrusted input: every offset is bounds-checked, every entry's
 * size is capped before it is inflated (a zip bomb stops at the cap) and its CRC-32 is checked after.
 *
 * Sizes and offsets come from the central directory: a local header written before its data descriptor
 * (flag bit 3) has zero sizes.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export class ZipError extends Error {
  override name = 'ZipError';
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

export interface ReadZipOptions {
  /** Largest uncompressed entry accepted, in bytes. */
  maxEntryBytes: number;
  /**
   * How names without the UTF-8 flag (bit 11) are decoded. The ZIP spec says CP437, but Chinese tools and
   * Alipay write the Windows code page there, which is GBK.
   */
  legacyNameEncoding?: string;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

interface CentralHeader {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where the next central header starts. */
  next: number;
}

/** Every file entry (directories left out), inflated and CRC-checked. Throws ZipError on anything else. */
export function readZip(zip: Buffer, options: ReadZipOptions): ZipEntry[] {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryStart = zip.readUInt32LE(end + 16);
  if (count === 0xffff || directoryStart === 0xffffffff) throw new ZipError('ZIP64 archives are not supported');
  if (directoryStart + directorySize > end) throw new ZipError('central directory lies outside the archive');
  const names = new TextDecoder(options.legacyNameEncoding ?? 'gbk');
  const entries: ZipEntry[] = [];
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    const header = centralHeader(zip, at, end, names);
    at = header.next;
    if (!header.name.endsWith('/')) entries.push({ name: header.name, data: entryData(zip, header, options.maxEntryBytes) });
  }
  return entries;
}

/** The end record is the last 22 bytes plus a comment of up to 65535 bytes, so it is searched from the back. */
function findEndOfCentralDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= 0 && at >= zip.length - 22 - 0xffff; at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY && at + 22 + zip.readUInt16LE(at + 20) <= zip.length) return at;
  }
  throw new ZipError('not a ZIP archive (no end of central directory)');
}

function centralHeader(zip: Buffer, at: number, limit: number, names: InstanceType<typeof TextDecoder>): CentralHeader {
  need(at, 46, limit, 'central directory header');
  if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipError(`bad central directory header at ${at}`);
  const flags = zip.readUInt16LE(at + 8);
  const nameLength = zip.readUInt16LE(at + 28);
  const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  need(at, next - at, limit, 'central directory header');
  const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
  return {
    name: flags & 0x800 ? nameBytes.toString('utf8') : names.decode(nameBytes),
    flags,
    method: zip.readUInt16LE(at + 10),
    crc: zip.readUInt32LE(at + 16),
    compressedSize: zip.readUInt32LE(at + 20),
    size: zip.readUInt32LE(at + 24),
    localOffset: zip.readUInt32LE(at + 42),
    next,
  };
}

function entryData(zip: Buffer, h: CentralHeader, maxBytes: number): Buffer {
  if (h.flags & 0x1) throw new ZipError(`${h.name} is encrypted`);
  if (h.size > maxBytes) throw new ZipError(`${h.name} is ${h.size} bytes, more than the ${maxBytes} accepted`);
  need(h.localOffset, 30, zip.length, `local header of ${h.name}`);
  if (zip.readUInt32LE(h.localOffset) !== LOCAL_HEADER) throw new ZipError(`bad local header for ${h.name}`);
  const start = h.localOffset + 30 + zip.readUInt16LE(h.localOffset + 26) + zip.readUInt16LE(h.localOffset + 28);
  need(start, h.compressedSize, zip.length, `data of ${h.name}`);
  const raw = zip.subarray(start, start + h.compressedSize);
  const data = h.method === 0 ? raw : h.method === 8 ? inflate(raw, h) : null;
  if (!data) throw new ZipError(`${h.name} uses compression method ${h.method}`);
  if (data.length !== h.size) throw new ZipError(`${h.name} is ${data.length} bytes, the directory says ${h.size}`);
  if (crc32(data) !== h.crc) throw new ZipError(`${h.name} fails its CRC-32 check`);
  return data;
}

function inflate(raw: Buffer, h: CentralHeader): Buffer {
  try {
    // One byte over the declared size is enough to tell "larger than declared" without inflating a bomb.
    return inflateRawSync(raw, { maxOutputLength: h.size + 1 });
  } catch (error) {
    throw new ZipError(`${h.name} cannot be inflated: ${(error as Error).message}`);
  }
}

function need(at: number, length: number, limit: number, what: string): void {
  if (at < 0 || length < 0 || at + length > limit) throw new ZipError(`${what} lies outside the archive`);
}
