#!/usr/bin/env node
// Draws the PWA icons without any dependency: node:zlib plus a hand-written PNG encoder.
//
//   node scripts/make-icons.mjs <outDir> <hexColor> <glyph: staff|resident>
//
// Writes icon-192.png and icon-512.png (a coloured rounded square, transparent corners) and
// icon-512-maskable.png (full bleed, the glyph kept inside the 80 % safe circle) into outDir.
// The glyph is a white house; "staff" cuts a wrench into its front, "resident" a door and two windows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

// ---------------------------------------------------------------- PNG encoding (RGBA, 8 bit, no filter)
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** rgba: Uint8Array of size*size*4. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter type: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- shapes, in unit coordinates (0..1)
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (!inRect(x, y, x0, y0, x1, y1)) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by);
  const d2 = s(x, y, bx, by, cx, cy);
  const d3 = s(x, y, cx, cy, ax, ay);
  const neg = d1 < 0 || d2 < 0 || d3 < 0;
  const pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** Distance from (x,y) to the segment a–b. */
function segDist(x, y, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** The white house: roof, chimney, body. */
function inHouse(x, y) {
  if (inTriangle(x, y, [0.5, 0.16], [0.12, 0.5], [0.88, 0.5])) return true;
  if (inRect(x, y, 0.64, 0.22, 0.74, 0.4)) return true; // chimney
  return inRoundRect(x, y, 0.22, 0.44, 0.78, 0.84, 0.03);
}

/** Holes cut into the house (drawn in the background colour). */
function inStaffCut(x, y) {
  // A wrench lying diagonally across the front: a handle and an open ring head.
  const head = [0.6, 0.57];
  if (segDist(x, y, 0.34, 0.79, head[0], head[1]) <= 0.045) return true;
  if (inCircle(x, y, head[0], head[1], 0.1)) {
    // the jaw: open towards the upper right
    const jaw = inCircle(x, y, head[0], head[1], 0.045) || segDist(x, y, head[0], head[1], head[0] + 0.12, head[1] - 0.12) <= 0.04;
    return !jaw;
  }
  return false;
}

function inResidentCut(x, y) {
  if (inRoundRect(x, y, 0.43, 0.62, 0.57, 0.86, 0.02)) return true; // door
  if (inRoundRect(x, y, 0.29, 0.54, 0.39, 0.64, 0.015)) return true; // window left
  return inRoundRect(x, y, 0.61, 0.54, 0.71, 0.64, 0.015); // window right
}

// ---------------------------------------------------------------- rendering
function parseHex(hex) {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = Number.parseInt(m[1], 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/**
 * Renders one icon. `maskable`: the background fills the whole square and the glyph shrinks into the
 * safe zone; otherwise a rounded square with transparent corners and the glyph at full size.
 */
export function renderIcon(size, color, glyph, maskable) {
  const [r, g, b] = parseHex(color);
  const cut = glyph === 'staff' ? inStaffCut : inResidentCut;
  const scale = maskable ? 0.62 : 0.8; // glyph size relative to the icon
  const ss = 4; // 4×4 supersampling for smooth edges
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let white = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          const inBg = maskable || inRoundRect(x, y, 0, 0, 1, 1, 0.2);
          if (!inBg) continue;
          // glyph coordinates: centred, scaled
          const gx = (x - 0.5) / scale + 0.5;
          const gy = (y - 0.5) / scale + 0.5 - 0.01;
          if (inHouse(gx, gy) && !cut(gx, gy)) white++;
          else bg++;
        }
      }
      const n = ss * ss;
      const alpha = (bg + white) / n;
      const i = (py * size + px) * 4;
      if (alpha === 0) continue;
      const w = white / (bg + white);
      out[i] = Math.round(r + (255 - r) * w);
      out[i + 1] = Math.round(g + (255 - g) * w);
      out[i + 2] = Math.round(b + (255 - b) * w);
      out[i + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, out);
}

function main() {
  const [outDir, color, glyph] = process.argv.slice(2);
  if (!outDir || !color || (glyph !== 'staff' && glyph !== 'resident')) {
    console.error('usage: node scripts/make-icons.mjs <outDir> <hexColor> <staff|resident>');
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  const files = [
    ['icon-192.png', 192, false],
    ['icon-512.png', 512, false],
    ['icon-512-maskable.png', 512, true],
  ];
  for (const [name, size, maskable] of files) {
    const png = renderIcon(size, color, glyph, maskable);
    writeFileSync(join(outDir, name), png);
    console.log(`${join(outDir, name)}  ${size}×${size}${maskable ? ' maskable' : ''}  ${png.length} bytes`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
