import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { DEFAULT_PHOTO_SETTINGS } from '../domain/attachments/photo-limits';
import { PHOTO_SIZES } from '../domain/attachments/image-types';
import {
  attachmentPath,
  writeAttachmentFile,
  writePhotoFiles,
} from '../services/attachments/attachment-store';
import { preparePhoto } from '../services/attachments/prepare-photo';

/**
 * What one photo costs at upload, before and after issue 22, side by side in one run: the time to
 * make it fit to store and to store it (fsync included; reading the multipart body and the row's
 * insert are the same both ways and left out), and the bytes it then takes on the disk.
 *   before: the byte-level metadata stripper (domain/attachments/image-metadata.ts, taken from the
 *           commit before its deletion with `git show`), one file: the stripped original.
 *   after:  services/attachments/prepare-photo.ts (libvips: decode, upright, encode anew, a
 *           1280 px screen size and a 320 px thumbnail), three files.
 * The photos are synthetic but photo-like (fractal noise with grain, so encoders work as hard as
 * on a street scene) and carry the metadata phones write. Each is measured `runs` times (default
 * 5) after one warm-up; the median is printed.
 * Usage: npx tsx bench/photos.ts [runs]
 */
const ROOT = path.join(__dirname, '..');
const OLD_MODULE = 'domain/attachments/image-metadata.ts';

type Strip = (bytes: Uint8Array, label?: string) => { bytes: Buffer };

/** The old stripper, from the commit before the one that deleted it. */
async function oldStripper(): Promise<{ strip: Strip; from: string }> {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  const deletion = git('log', '-1', '--format=%h', '--diff-filter=D', '--', OLD_MODULE);
  if (!deletion) throw new Error(`no commit in this history deletes ${OLD_MODULE}`);
  // Its one import, made absolute, so it runs from a temporary folder.
  const source = git('show', `${deletion}^:${OLD_MODULE}`).replace(
    "from '../errors'",
    `from ${JSON.stringify(path.join(ROOT, 'domain', 'errors'))}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicflow-old-stripper-'));
  const file = path.join(dir, 'image-metadata.ts');
  fs.writeFileSync(file, source);
  const { stripImageMetadata } = (await import(file)) as { stripImageMetadata: Strip };
  return { strip: stripImageMetadata, from: `git ${deletion}^` };
}

/** Deterministic pseudo-random numbers, so every run measures the same photos. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/**
 * A photo-like image: octaves of smooth noise (large shapes down to texture, as in a natural
 * scene) computed at a quarter of the size, scaled up, with sensor grain on top.
 */
async function scene(width: number, height: number, seed: number): Promise<sharp.Sharp> {
  const next = random(seed);
  const w = Math.ceil(width / 4);
  const h = Math.ceil(height / 4);
  const sum = new Float32Array(w * h * 3);
  let amplitude = 1;
  let total = 0;
  for (const cells of [3, 9, 27, 81, 243]) {
    const cw = cells;
    const ch = Math.max(2, Math.round((cells * h) / w));
    const small = Buffer.alloc(cw * ch * 3);
    for (let i = 0; i < small.length; i += 1) small[i] = next() * 255;
    const layer = await sharp(small, { raw: { width: cw, height: ch, channels: 3 } })
      .resize(w, h, { kernel: 'cubic' })
      .raw()
      .toBuffer();
    for (let i = 0; i < sum.length; i += 1) sum[i] += layer[i] * amplitude;
    total += amplitude;
    amplitude *= 0.6;
  }
  const base = Buffer.alloc(sum.length);
  for (let i = 0; i < sum.length; i += 1) base[i] = sum[i] / total;
  const upscaled = await sharp(base, { raw: { width: w, height: h, channels: 3 } })
    .resize(width, height, { kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  const grain = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 24 },
    },
  })
    .raw()
    .toBuffer();
  return sharp(upscaled, { raw: { width, height, channels: 3 } }).composite([
    { input: grain, raw: { width, height, channels: 3 }, blend: 'soft-light' },
  ]);
}

/** A phone's screenshot: flat bands and rows of "text". */
function screenshot(width: number, height: number): sharp.Sharp {
  const data = Buffer.alloc(width * height * 3, 0xff);
  const next = random(7);
  for (let y = 0; y < height; y += 1) {
    const band = Math.floor(y / 180) % 3;
    const inTextRow = y % 36 < 22 && y % 180 > 40;
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      const background =
        band === 0 ? [0xf4, 0xf6, 0xf8] : band === 1 ? [0xff, 0xff, 0xff] : [0x1e, 0x88, 0xe5];
      const ink = inTextRow && x > 48 && x < width - 48 && (x >> 3) % 7 !== 0 && next() < 0.45;
      data[i] = ink ? 0x22 : background[0];
      data[i + 1] = ink ? 0x22 : background[1];
      data[i + 2] = ink ? 0x22 : background[2];
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

const GPS_EXIF = {
  IFD0: { Make: 'Phone', Model: 'Phone 12' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '52/1 13/1 4812/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '21/1 0/1 3605/100',
  },
};

interface Photo {
  name: string;
  bytes: Buffer;
}

async function photos(): Promise<Photo[]> {
  const phone = await scene(4032, 3024, 1);
  return [
    {
      name: 'phone, 12 MP JPEG, GPS, portrait',
      bytes: await phone.jpeg({ quality: 92 }).withExif(GPS_EXIF).withMetadata({ orientation: 6 }).toBuffer(),
    },
    {
      name: 'phone, 48 MP JPEG, GPS',
      bytes: await (await scene(8000, 6000, 2)).jpeg({ quality: 80 }).withExif(GPS_EXIF).toBuffer(),
    },
    {
      name: 'messenger, 2 MP JPEG',
      bytes: await (await scene(1600, 1200, 3)).jpeg({ quality: 75 }).toBuffer(),
    },
    { name: 'screenshot, 3 MP PNG', bytes: await screenshot(1170, 2532).png().toBuffer() },
    {
      name: 'web app, 6 MP WebP, GPS',
      bytes: await (await scene(3000, 2000, 4)).webp({ quality: 85 }).withExif(GPS_EXIF).toBuffer(),
    },
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function storedBytes(dir: string, id: string): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const size of PHOTO_SIZES) {
    const file = attachmentPath(dir, id, size);
    if (fs.existsSync(file)) sizes[size] = fs.statSync(file).size;
  }
  return sizes;
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(): Promise<void> {
  const runs = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 5);
  const { strip, from } = await oldStripper();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicflow-photo-bench-'));
  try {
    console.log(`making the photos... (before: the byte-level stripper from ${from}; ${runs} runs each)`);
    const inputs = await photos();
    console.log(
      `${'photo'.padEnd(34)}${'upload'.padStart(9)} | ${'before: time'.padStart(12)}${'stored'.padStart(9)}` +
        ` | ${'after: time'.padStart(11)}${'stored'.padStart(9)}  ${'(original + screen + thumb)'.padEnd(28)}` +
        ` | ${'time x'.padStart(7)}${'stored x'.padStart(9)}`,
    );
    for (const photo of inputs) {
      const before: number[] = [];
      const after: number[] = [];
      let beforeStored: Record<string, number> = {};
      let afterStored: Record<string, number> = {};
      for (let run = 0; run <= runs; run += 1) {
        const oldId = randomUUID();
        let started = performance.now();
        await writeAttachmentFile(dir, oldId, strip(photo.bytes, photo.name).bytes);
        if (run > 0) before.push(performance.now() - started);
        beforeStored = storedBytes(dir, oldId);

        const newId = randomUUID();
        started = performance.now();
        await writePhotoFiles(
          dir,
          newId,
          await preparePhoto(photo.bytes, photo.name, DEFAULT_PHOTO_SETTINGS),
        );
        if (run > 0) after.push(performance.now() - started);
        afterStored = storedBytes(dir, newId);
      }
      const beforeTotal = Object.values(beforeStored).reduce((a, b) => a + b, 0);
      const afterTotal = Object.values(afterStored).reduce((a, b) => a + b, 0);
      const parts = `(${kB(afterStored.original)} + ${kB(afterStored.screen)} + ${kB(afterStored.thumb)})`;
      console.log(
        `${photo.name.padEnd(34)}${kB(photo.bytes.length).padStart(9)} | ${ms(median(before)).padStart(12)}` +
          `${kB(beforeTotal).padStart(9)} | ${ms(median(after)).padStart(11)}${kB(afterTotal).padStart(9)}  ` +
          `${parts.padEnd(28)} | ${(median(after) / median(before)).toFixed(1).padStart(7)}` +
          `${(afterTotal / beforeTotal).toFixed(2).padStart(9)}`,
      );
    }
    console.log(
      'A list or the case page now fetches the thumbnail or the screen size, never the original: ' +
        'compare those with "before: stored", which is what every view used to download.',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
