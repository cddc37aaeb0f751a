// Image workload: preparing a 12-megapixel camera JPEG for sending (re-encode to 2000 px without
// metadata) plus its local thumbnail, made from the re-encoded image as the send path does (it then
// shows exactly what was sent), in ms against the budget of 300 ms. The floor is a plain full
// decode of the same JPEG to raw pixels, in ms, alternated with it; the best of each is kept.
import sharp from 'sharp';
import { makeThumbnail, processImageForSending } from '../../../ts/backend/media/image';
import type { FigureResult, WorkloadGroup } from './types';

const WIDTH = 4000;
const HEIGHT = 3000;
/** The budget for re-encode + thumbnail of a 12-megapixel JPEG. */
const BUDGET_MS = 300;

let jpeg: Uint8Array;
/** Rounds of figure and floor, alternated. */
let ROUNDS = 8;

async function setup(): Promise<void> {
  // A camera-like picture: smooth gradients plus sensor-like noise, so the JPEG has real entropy.
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 12345;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = (seed >> 16) & 0x1f;
      const i = (y * WIDTH + x) * 3;
      raw[i] = ((x * 255) / WIDTH + noise) & 0xff;
      raw[i + 1] = ((y * 255) / HEIGHT + noise) & 0xff;
      raw[i + 2] = ((x ^ y) + noise) & 0xff;
    }
  }
  const exif = { IFD0: { Make: 'Bench', Model: 'Camera' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } };
  const out = await sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).jpeg({ quality: 92 }).withExif(exif).toBuffer();
  jpeg = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

async function figureMs(): Promise<number> {
  const t0 = performance.now();
  const sent = await processImageForSending(jpeg);
  if (sent.kind !== 'image') throw new Error('bench: the image was not processed');
  const thumb = await makeThumbnail(sent.bytes);
  if (!thumb) throw new Error('bench: the image was not processed');
  return performance.now() - t0;
}

async function floorMs(): Promise<number> {
  const t0 = performance.now();
  await sharp(jpeg).raw().toBuffer();
  return performance.now() - t0;
}

const NAME = 'reencode-thumbnail-12mp';

export const imageGroup: WorkloadGroup = {
  name: 'image',
  async setup(ctx) {
    ROUNDS = ctx.quick ? 2 : 8;
    await setup();
  },
  workloads: [
    {
      name: NAME,
      async measure(): Promise<FigureResult[]> {
        // One untimed pass of each: libvips' first use loads and initialises its codecs.
        await figureMs();
        await floorMs();
        let best = Infinity;
        let bestFloor = Infinity;
        for (let i = 0; i < ROUNDS; i++) {
          best = Math.min(best, await figureMs());
          bestFloor = Math.min(bestFloor, await floorMs());
        }
        return [
          {
            name: NAME,
            describe: `processImageForSending (auto-rotate, scale to 2000 px, strip metadata, JPEG q85) + makeThumbnail (400 px) of its output, for a ${WIDTH} x ${HEIGHT} camera JPEG with EXIF/GPS (${(jpeg.length / 1e6).toFixed(1)} MB); best of ${ROUNDS}`,
            unit: 'ms',
            value: best,
            floor: { value: bestFloor, describe: 'full decode of the same JPEG to raw RGB pixels (libvips, no scaling), best' },
            target: { max: BUDGET_MS },
            detail: { rounds: ROUNDS, jpegBytes: jpeg.length },
          },
        ];
      },
    },
  ],
};
