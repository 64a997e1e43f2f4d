import { crc32, deflateSync } from 'node:zlib';
import exifr from 'exifr';
import sharp from 'sharp';

/**
 * A small striped PNG, as a resident's phone might send (without metadata); also a stub tile
 * server's every tile (256×256). Built byte by byte so tests need no image files or libraries.
 */
export function stripedPng(width: number, height: number): Buffer {
  const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    return Buffer.concat([u32(data.length), typed, u32(crc32(typed))]);
  };
  const rows = Array.from({ length: height }, (_, y) =>
    Buffer.concat([
      Buffer.from([0]),
      ...Array.from({ length: width }, (_, x) =>
        Buffer.from((x + y) % 8 < 4 ? [0xd3, 0x2f, 0x2f] : [0xff, 0xc1, 0x07]),
      ),
    ]),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])])),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The metadata blocks a photo still carries, as exifr (Exif IFDs, GPS, XMP, IPTC, ICC in JPEG and
 * PNG; it cannot read WebP) and libvips (any format) find them, named like "exifr gps" or
 * "libvips exif": an empty list is a photo that says nothing but its pixels. JFIF and PNG's IHDR
 * are the image's own structure, not metadata.
 */
export async function metadataBlocks(bytes: Buffer): Promise<string[]> {
  const found: string[] = [];
  const header = await sharp(bytes).metadata();
  for (const block of ['exif', 'xmp', 'iptc', 'icc', 'comments', 'tifftagPhotoshop'] as const) {
    if (header[block] !== undefined) found.push(`libvips ${block}`);
  }
  if (header.format !== 'webp') {
    const parsed = (await exifr.parse(bytes, {
      tiff: true,
      ifd1: true,
      exif: true,
      gps: true,
      interop: true,
      xmp: true,
      iptc: true,
      icc: true,
      jfif: true,
      ihdr: true,
      mergeOutput: false,
    })) as Record<string, unknown> | undefined;
    for (const block of Object.keys(parsed ?? {})) {
      if (block !== 'jfif' && block !== 'ihdr') found.push(`exifr ${block}`);
    }
  }
  return found;
}
