// Draws the app icon (512×512 PNG: a rounded green square with a white "S") without any image
// library, so the icon can be regenerated from source: `node build-resources/makeIcon.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const SUPERSAMPLE = 4;
const GREEN = [0x00, 0xf7, 0x82];
const WHITE = [0xff, 0xff, 0xff];
const CORNER = 112;
const RING = 78; // radius of the two rings the "S" is made of
const STROKE = 50;

function insideRoundedSquare(x, y) {
  const cx = Math.min(Math.max(x, CORNER), SIZE - CORNER);
  const cy = Math.min(Math.max(y, CORNER), SIZE - CORNER);
  return (x - cx) ** 2 + (y - cy) ** 2 <= CORNER ** 2;
}

const deg = (d) => (d * Math.PI) / 180;
// Upper ring: everything but its lower right; lower ring: everything but its upper left.
const arcs = [
  { cx: SIZE / 2, cy: SIZE / 2 - RING, from: deg(90), to: deg(340) },
  { cx: SIZE / 2, cy: SIZE / 2 + RING, from: deg(-90), to: deg(160) },
];

function onArc(x, y, { cx, cy, from, to }) {
  const dx = x - cx;
  const dy = y - cy;
  if (Math.abs(Math.hypot(dx, dy) - RING) <= STROKE / 2) {
    let a = Math.atan2(dy, dx);
    while (a < from) a += 2 * Math.PI;
    if (a <= to) return true;
  }
  // Round caps at both ends.
  for (const end of [from, to]) {
    const ex = cx + RING * Math.cos(end);
    const ey = cy + RING * Math.sin(end);
    if ((x - ex) ** 2 + (y - ey) ** 2 <= (STROKE / 2) ** 2) return true;
  }
  return false;
}

function pixel(px, py) {
  let bg = 0;
  let fg = 0;
  for (let i = 0; i < SUPERSAMPLE; i++) {
    for (let j = 0; j < SUPERSAMPLE; j++) {
      const x = px + (i + 0.5) / SUPERSAMPLE;
      const y = py + (j + 0.5) / SUPERSAMPLE;
      if (!insideRoundedSquare(x, y)) continue;
      if (arcs.some((a) => onArc(x, y, a))) fg++;
      else bg++;
    }
  }
  const n = SUPERSAMPLE * SUPERSAMPLE;
  const covered = bg + fg;
  if (covered === 0) return [0, 0, 0, 0];
  const rgb = GREEN.map((g, k) => Math.round((g * bg + WHITE[k] * fg) / covered));
  return [...rgb, Math.round((255 * covered) / n)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function renderIconPng() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
  fs.writeFileSync(out, renderIconPng());
  console.log(`wrote ${out}`);
}
