import { crc32, deflateSync } from 'node:zlib';

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
