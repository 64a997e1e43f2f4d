import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { detectImageType } from '../../../domain/attachments/image-types';
import { DEFAULT_PHOTO_SETTINGS } from '../../../domain/attachments/photo-limits';
import { AppError } from '../../../domain/errors';
import { preparePhoto } from '../../../services/attachments/prepare-photo';
import { metadataBlocks } from '../../support/images';

/**
 * Real (tiny) images built byte by byte, with the kinds of metadata cameras and editors write:
 * the re-encoded photo must keep no trace of the location and still be a well-formed image with
 * the same pixels. (These files once tested a byte-level metadata stripper; the photos now go
 * through libvips, and the same inputs must come out as clean.)
 */

const prepare = (bytes: Buffer, label = 'The file') => preparePhoto(bytes, label, DEFAULT_PHOTO_SETTINGS);

const ascii = (text: string) => Buffer.from(text, 'latin1');
const u16be = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** 52°13'48" N, 21°0'36" E: the marker values a leak would show. */
const LATITUDE = [52, 13, 48];
const LONGITUDE = [21, 0, 36];

/** A big-endian TIFF structure as Exif stores it: IFD0 pointing to a GPS IFD with a position. */
function tiffWithGps(): Buffer {
  const rationals = (values: number[]) => Buffer.concat(values.flatMap((v) => [u32be(v), u32be(1)]));
  const entry = (tag: number, type: number, count: number, value: Buffer) =>
    Buffer.concat([
      u16be(tag),
      u16be(type),
      u32be(count),
      Buffer.concat([value, Buffer.alloc(4)]).subarray(0, 4),
    ]);
  const ifd0Offset = 8;
  const gpsOffset = ifd0Offset + 2 + 12 + 4;
  const dataOffset = gpsOffset + 2 + 4 * 12 + 4;
  const ifd0 = Buffer.concat([u16be(1), entry(0x8825, 4, 1, u32be(gpsOffset)), u32be(0)]);
  const gps = Buffer.concat([
    u16be(4),
    entry(0x0001, 2, 2, ascii('N\0')),
    entry(0x0002, 5, 3, u32be(dataOffset)),
    entry(0x0003, 2, 2, ascii('E\0')),
    entry(0x0004, 5, 3, u32be(dataOffset + 24)),
    u32be(0),
  ]);
  return Buffer.concat([
    ascii('MM\0*'),
    u32be(ifd0Offset),
    ifd0,
    gps,
    rationals(LATITUDE),
    rationals(LONGITUDE),
  ]);
}

const XMP = ascii(
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="52,13.8N"/></rdf:RDF></x:xmpmeta>',
);

/**
 * The traces a location leaves: the Exif header, the GPSInfo tag, the rationals, XMP's GPS names;
 * and no metadata block that exifr or libvips would find.
 */
async function expectNoLocation(bytes: Buffer): Promise<void> {
  expect(bytes.includes(ascii('Exif\0\0'))).toBe(false);
  expect(bytes.includes(Buffer.from([0x88, 0x25]))).toBe(false);
  expect(bytes.includes(Buffer.concat([u32be(LATITUDE[0]), u32be(1), u32be(LATITUDE[1])]))).toBe(false);
  expect(bytes.includes(ascii('GPS'))).toBe(false);
  expect(bytes.includes(ascii('at home'))).toBe(false);
  expect(await metadataBlocks(bytes)).toEqual([]);
}

/** The pixels of an image as 8-bit RGB, to compare what went in with what came out. */
async function pixels(bytes: Buffer): Promise<{ width: number; height: number; data: number[] }> {
  const { data, info } = await sharp(bytes)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: [...data] };
}

async function expectSamePixels(actual: Buffer, expected: Buffer, tolerance = 2): Promise<void> {
  const [a, e] = await Promise.all([pixels(actual), pixels(expected)]);
  expect([a.width, a.height]).toEqual([e.width, e.height]);
  expect(Math.max(...a.data.map((value, i) => Math.abs(value - e.data[i])))).toBeLessThanOrEqual(tolerance);
}

async function expectAppError(run: () => Promise<unknown>, code: string, message: RegExp): Promise<AppError> {
  const caught = await run().then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  expect((caught as AppError).message).toMatch(message);
  return caught as AppError;
}

// JPEG: an 8x8 mid-grey baseline image with one Huffman code per table -------------------------

const segment = (marker: number, payload: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker]), u16be(payload.length + 2), payload]);

const SOI = Buffer.from([0xff, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);
const APP0_JFIF = segment(0xe0, Buffer.concat([ascii('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])]));
const APP2_ICC = segment(0xe2, Buffer.concat([ascii('ICC_PROFILE\0'), Buffer.from([1, 1, 0, 0, 0, 0])]));
const APP1_EXIF = segment(0xe1, Buffer.concat([ascii('Exif\0\0'), tiffWithGps()]));
const APP1_XMP = segment(0xe1, Buffer.concat([ascii('http://ns.adobe.com/xap/1.0/\0'), XMP]));
const APP13_IPTC = segment(0xed, ascii('Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0dGPS at home'));
const APP6_GPMF = segment(0xe6, ascii('GoPro\0GPS5 at home'));
const COM_TEXT = segment(0xfe, ascii('taken at home'));
const DQT = segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]));
const SOF0 = segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
const huffmanTable = (tableClass: number) =>
  segment(0xc4, Buffer.concat([Buffer.from([tableClass << 4, 1]), Buffer.alloc(15), Buffer.from([0])]));
const DHT_DC = huffmanTable(0);
const DHT_AC = huffmanTable(1);
const SOS = segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));
/** DC difference 0 (code "0"), end of block (code "0"), padded with ones. */
const SCAN_DATA = Buffer.from([0x3f]);

const CLEAN_JPEG = Buffer.concat([SOI, APP0_JFIF, APP2_ICC, DQT, SOF0, DHT_DC, DHT_AC, SOS, SCAN_DATA, EOI]);

function jpegWithMetadata(): Buffer {
  return Buffer.concat([
    SOI,
    APP0_JFIF,
    APP1_EXIF,
    APP2_ICC,
    APP1_XMP,
    APP13_IPTC,
    APP6_GPMF,
    COM_TEXT,
    DQT,
    SOF0,
    DHT_DC,
    DHT_AC,
    SOS,
    SCAN_DATA,
    EOI,
  ]);
}

// PNG: a 1x1 grey image ------------------------------------------------------------------------

const chunk = (type: string, data: Buffer) =>
  Buffer.concat([u32be(data.length), ascii(type), data, u32be(crc32(Buffer.concat([ascii(type), data])))]);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IHDR = chunk('IHDR', Buffer.concat([u32be(1), u32be(1), Buffer.from([8, 0, 0, 0, 0])]));
const IDAT = chunk('IDAT', deflateSync(Buffer.from([0, 0x80])));
const IEND = chunk('IEND', Buffer.alloc(0));

function pngWithMetadata(): Buffer {
  return Buffer.concat([
    PNG_SIGNATURE,
    IHDR,
    chunk('eXIf', tiffWithGps()),
    chunk('tEXt', ascii('Comment\0taken at home')),
    chunk('zTXt', Buffer.concat([ascii('Raw profile type exif\0\0'), deflateSync(tiffWithGps())])),
    chunk('iTXt', Buffer.concat([ascii('XML:com.adobe.xmp\0\0\0\0\0'), XMP])),
    IDAT,
    IEND,
  ]);
}

/** The chunks of a PNG, failing the test on a bad CRC or a chunk running past the end. */
function pngChunks(png: Buffer): { type: string; data: Buffer }[] {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let pos = 8; pos < png.length;) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    expect(png.readUInt32BE(pos + 8 + length)).toBe(crc32(png.subarray(pos + 4, pos + 8 + length)));
    chunks.push({ type, data });
    pos += 12 + length;
  }
  return chunks;
}

// WebP: a lossless 1x1 grey image (its VP8L bitstream, 17 bytes, so the chunk needs padding) ----

const VP8L_BITSTREAM = Buffer.from('2f0000000007 50c00216b0ff8188e87f00'.replace(/ /g, ''), 'hex');

const riffChunk = (fourcc: string, data: Buffer) =>
  Buffer.concat([ascii(fourcc), u32le(data.length), data, Buffer.alloc(data.length % 2)]);

function webp(chunks: Buffer[]): Buffer {
  const body = Buffer.concat(chunks);
  return Buffer.concat([ascii('RIFF'), u32le(4 + body.length), ascii('WEBP'), body]);
}

const VP8L = riffChunk('VP8L', VP8L_BITSTREAM);
/** Extended header: ICC (0x20), EXIF (0x08) and XMP (0x04) flags, a 1x1 canvas. */
const vp8x = (flags: number) => riffChunk('VP8X', Buffer.from([flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]));

function webpWithMetadata(): Buffer {
  return webp([vp8x(0x0c), VP8L, riffChunk('EXIF', tiffWithGps()), riffChunk('XMP ', XMP)]);
}

/** The chunks of a WebP, failing the test when the RIFF size or a chunk size does not add up. */
function webpChunks(file: Buffer): { fourcc: string; data: Buffer }[] {
  expect(file.toString('latin1', 0, 4)).toBe('RIFF');
  expect(file.readUInt32LE(4)).toBe(file.length - 8);
  expect(file.toString('latin1', 8, 12)).toBe('WEBP');
  const chunks: { fourcc: string; data: Buffer }[] = [];
  let pos = 12;
  while (pos < file.length) {
    const size = file.readUInt32LE(pos + 4);
    chunks.push({
      fourcc: file.toString('latin1', pos, pos + 4),
      data: file.subarray(pos + 8, pos + 8 + size),
    });
    pos += 8 + size + (size % 2);
  }
  expect(pos).toBe(file.length);
  return chunks;
}

describe('image type detection', () => {
  it('goes by the magic bytes, not by what the file claims to be', () => {
    expect(detectImageType(CLEAN_JPEG)).toBe('image/jpeg');
    expect(detectImageType(pngWithMetadata())).toBe('image/png');
    expect(detectImageType(webpWithMetadata())).toBe('image/webp');
    expect(detectImageType(ascii('just some text, named photo.jpg'))).toBeNull();
    expect(detectImageType(ascii('GIF89a\x01\0\x01\0'))).toBeNull();
    expect(detectImageType(ascii('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(detectImageType(new Uint8Array(0))).toBeNull();
  });

  it('refuses anything else with UNSUPPORTED_MEDIA_TYPE naming the file', async () => {
    await expectAppError(
      () => prepare(ascii('hello'), 'holiday.jpg'),
      'UNSUPPORTED_MEDIA_TYPE',
      /^holiday\.jpg is not a JPEG, PNG or WebP image$/,
    );
  });

  it('never hands GIF, TIFF or SVG to the decoder, though libvips could read them', async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } });
    for (const other of [
      await base.clone().gif().toBuffer(),
      await base.clone().tiff().toBuffer(),
      ascii('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'),
    ]) {
      await expectAppError(() => prepare(other, 'x.jpg'), 'UNSUPPORTED_MEDIA_TYPE', /^x\.jpg is not/);
    }
  });
});

describe('JPEG metadata removal', () => {
  it('removes Exif with its GPS IFD, XMP, IPTC, vendor segments and comments, keeping the image', async () => {
    const input = jpegWithMetadata();
    const result = await prepare(input);
    expect(result.mediaType).toBe('image/jpeg');
    await expectNoLocation(result.bytes);
    await expectSamePixels(result.bytes, CLEAN_JPEG);
    expect([result.width, result.height]).toEqual([8, 8]);
    expect(input.includes(ascii('Exif\0\0'))).toBe(true);
  });

  it('turns the photo upright by its Exif orientation, then keeps no Exif at all', async () => {
    // Little-endian, as most phones write it: IFD0 holds the orientation and the GPS pointer.
    const le16 = (n: number) => Buffer.from([n & 0xff, n >> 8]);
    const tiff = Buffer.concat([
      ascii('II*\x00'),
      u32le(8),
      le16(2),
      le16(0x0112),
      le16(3),
      u32le(1),
      le16(6),
      le16(0),
      le16(0x8825),
      le16(4),
      u32le(1),
      u32le(8 + 2 + 24 + 4),
      u32le(0),
      le16(1),
      le16(0x0002),
      le16(5),
      u32le(3),
      u32le(8 + 2 + 24 + 4 + 2 + 12 + 4),
      u32le(0),
      ...LATITUDE.flatMap((v) => [u32le(v), u32le(1)]),
    ]);
    const input = Buffer.concat([
      SOI,
      segment(0xe1, Buffer.concat([ascii('Exif\0\0'), tiff])),
      CLEAN_JPEG.subarray(2),
    ]);
    const result = await prepare(input);
    await expectNoLocation(result.bytes);
    expect(result.bytes.includes(Buffer.from([0x25, 0x88]))).toBe(false);
    expect(result.bytes.includes(u32le(LATITUDE[0]))).toBe(false);
    expect((await sharp(result.bytes).metadata()).orientation).toBeUndefined();

    // A landscape sensor's portrait photo (orientation 6: turn 90° clockwise) comes out portrait.
    const sideways = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3050a0' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const upright = await prepare(sideways);
    expect([upright.width, upright.height]).toEqual([48, 64]);
    expect((await sharp(upright.bytes).metadata()).orientation).toBeUndefined();
  });

  it('keeps the pixels of a clean image', async () => {
    const result = await prepare(CLEAN_JPEG);
    await expectSamePixels(result.bytes, CLEAN_JPEG);
    await expectNoLocation(result.bytes);
  });

  it('removes a comment between the scans of a progressive image', async () => {
    const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]);
    const input = Buffer.concat([
      SOI,
      DQT,
      SOF0,
      DHT_DC,
      DHT_AC,
      SOS,
      scan,
      COM_TEXT,
      DHT_AC,
      SOS,
      scan,
      EOI,
    ]);
    const result = await prepare(input);
    await expectNoLocation(result.bytes);
  });

  it('drops what follows the end-of-image marker, such as a second image with its own Exif', async () => {
    const input = Buffer.concat([CLEAN_JPEG, jpegWithMetadata()]);
    const result = await prepare(input);
    await expectNoLocation(result.bytes);
    await expectSamePixels(result.bytes, CLEAN_JPEG);
  });

  it('skips fill bytes before markers', async () => {
    const input = Buffer.concat([
      SOI,
      Buffer.from([0xff, 0xff]),
      APP1_EXIF,
      DQT,
      SOF0,
      DHT_DC,
      DHT_AC,
      SOS,
      SCAN_DATA,
      EOI,
    ]);
    const result = await prepare(input);
    await expectNoLocation(result.bytes);
    await expectSamePixels(result.bytes, CLEAN_JPEG);
  });

  // The decoder meets the end of the file while it still expects a marker: "cut short" is what it
  // can tell, and what a resident whose upload broke off needs to hear.
  it.each([
    ['the magic bytes only', Buffer.from([0xff, 0xd8, 0xff]), 'TRUNCATED'],
    ['a cut Exif segment', jpegWithMetadata().subarray(0, 60), 'TRUNCATED'],
    ['no end-of-image marker', CLEAN_JPEG.subarray(0, CLEAN_JPEG.length - 2), 'TRUNCATED'],
    ['no scan', Buffer.concat([SOI, DQT, SOF0, EOI]), 'DAMAGED'],
    ['a scan without a frame header', Buffer.concat([SOI, DQT, SOS, SCAN_DATA, EOI]), 'DAMAGED'],
    ['garbage where a marker belongs', Buffer.concat([SOI, APP0_JFIF, ascii('garbage')]), 'TRUNCATED'],
    ['an impossible segment length', Buffer.concat([SOI, Buffer.from([0xff, 0xe1, 0, 1])]), 'TRUNCATED'],
  ])('refuses a JPEG with %s as UNPROCESSABLE', async (_name, input, reason) => {
    const error = await expectAppError(
      () => prepare(input, 'broken.jpg'),
      'UNPROCESSABLE',
      /^broken\.jpg is not a readable JPEG image: /,
    );
    expect(error.details).toMatchObject({ file: 'broken.jpg', mediaType: 'image/jpeg', reason });
  });
});

describe('PNG metadata removal', () => {
  it('removes eXIf and text chunks, keeping a well-formed image with the same pixels', async () => {
    const result = await prepare(pngWithMetadata());
    expect(result.mediaType).toBe('image/png');
    await expectNoLocation(result.bytes);
    const chunks = pngChunks(result.bytes);
    // pHYs is the pixel density libvips always writes.
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    await expectSamePixels(result.bytes, Buffer.concat([PNG_SIGNATURE, IHDR, IDAT, IEND]), 0);
  });

  it('drops data after IEND', async () => {
    const result = await prepare(Buffer.concat([PNG_SIGNATURE, IHDR, IDAT, IEND, tiffWithGps()]));
    await expectNoLocation(result.bytes);
  });

  it.each([
    ['the signature only', PNG_SIGNATURE, 'TRUNCATED'],
    ['a cut chunk', pngWithMetadata().subarray(0, 50), 'TRUNCATED'],
    ['no IEND', Buffer.concat([PNG_SIGNATURE, IHDR, IDAT]), 'TRUNCATED'],
    ['no IHDR first', Buffer.concat([PNG_SIGNATURE, IDAT, IEND]), 'DAMAGED'],
    ['no image data', Buffer.concat([PNG_SIGNATURE, IHDR, IEND]), 'DAMAGED'],
  ])('refuses a PNG with %s as UNPROCESSABLE', async (_name, input, reason) => {
    const error = await expectAppError(
      () => prepare(input, 'broken.png'),
      'UNPROCESSABLE',
      /^broken\.png is not a readable PNG image: /,
    );
    expect(error.details).toMatchObject({ reason });
  });
});

describe('WebP metadata removal', () => {
  it('removes EXIF and XMP chunks, keeping a well-formed image with the same pixels', async () => {
    const input = webpWithMetadata();
    expect(input[20] & 0x0c).toBe(0x0c);
    const result = await prepare(input);
    expect(result.mediaType).toBe('image/webp');
    await expectNoLocation(result.bytes);
    // A plain lossy image: no VP8X header, so no chunk for metadata at all.
    expect(webpChunks(result.bytes).map((c) => c.fourcc)).toEqual(['VP8 ']);
    await expectSamePixels(result.bytes, webp([VP8L]));
  });

  it('drops the ICC profile too, the colours converted to sRGB', async () => {
    const result = await prepare(
      webp([vp8x(0x2c), riffChunk('ICCP', ascii('icc')), VP8L, riffChunk('EXIF', tiffWithGps())]),
    );
    await expectNoLocation(result.bytes);
    expect(webpChunks(result.bytes).map((c) => c.fourcc)).not.toContain('ICCP');
  });

  it('keeps the pixels of a simple lossless image', async () => {
    const simple = webp([VP8L]);
    await expectSamePixels((await prepare(simple)).bytes, simple);
  });

  it.each([
    ['a RIFF size beyond the end', webpWithMetadata().subarray(0, 40), 'TRUNCATED'],
    ['a cut chunk', webp([ascii('VP8L'), u32le(100), VP8L_BITSTREAM]), 'DAMAGED'],
    ['no image chunk first', webp([riffChunk('EXIF', tiffWithGps()), VP8L]), 'DAMAGED'],
    ['no image data', webp([vp8x(0)]), 'DAMAGED'],
    ['a short VP8X', webp([riffChunk('VP8X', Buffer.alloc(4)), VP8L]), 'DAMAGED'],
  ])('refuses a WebP with %s as UNPROCESSABLE', async (_name, input, reason) => {
    const error = await expectAppError(
      () => prepare(input, 'broken.webp'),
      'UNPROCESSABLE',
      /^broken\.webp is not a readable WebP image: /,
    );
    expect(error.details).toMatchObject({ reason });
  });
});
