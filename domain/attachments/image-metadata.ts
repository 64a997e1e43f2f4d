import { AppError } from '../errors';

/**
 * Residents' photos are published to staff (and may later reach units' own systems), while the
 * camera often wrote where the resident lives into them. Metadata is therefore removed from the
 * bytes themselves, in plain TypeScript so no native image library is needed, and the pixels are
 * copied untouched: nothing is decoded or re-encoded, so quality and colours stay as sent.
 */

export const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

export interface StrippedImage {
  mediaType: ImageMediaType;
  /** The image without its metadata; a new buffer, the input is never modified. */
  bytes: Buffer;
  /** What was removed (segment or chunk names, "trailing data"), for logs and tests. */
  removed: string[];
}

const FORMAT_NAMES: Record<ImageMediaType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type by the file's first bytes; its name and declared type prove nothing. */
export function detectImageType(bytes: Uint8Array): ImageMediaType | null {
  const b = asBuffer(bytes);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    return 'image/webp';
  }
  return null;
}

/**
 * Detects the type by content and removes the metadata that can carry a location or personal
 * data. Throws AppError UNSUPPORTED_MEDIA_TYPE for anything that is not JPEG, PNG or WebP, and
 * UNPROCESSABLE for an image whose structure is broken (truncated segments, missing end marker);
 * `label` (the file's name) is what the messages call the file.
 */
export function stripImageMetadata(bytes: Uint8Array, label = 'The file'): StrippedImage {
  const b = asBuffer(bytes);
  const mediaType = detectImageType(b);
  if (!mediaType) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${label} is not a JPEG, PNG or WebP image`, {
      file: label,
      accepted: [...IMAGE_MEDIA_TYPES],
    });
  }
  try {
    const stripped =
      mediaType === 'image/jpeg' ? stripJpeg(b) : mediaType === 'image/png' ? stripPng(b) : stripWebp(b);
    return { mediaType, ...stripped };
  } catch (error) {
    if (!(error instanceof MalformedImage)) throw error;
    throw new AppError(
      'UNPROCESSABLE',
      `${label} is not a readable ${FORMAT_NAMES[mediaType]} image: ${error.message}`,
      { file: label, mediaType },
    );
  }
}

class MalformedImage extends Error {}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// JPEG ------------------------------------------------------------------------------------------

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

/** Start-of-frame markers (SOF0..SOF15 without DHT C4, JPG C8 and DAC CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers that stand alone, without a length: TEM and the restart markers RST0..RST7. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/**
 * Application segments are kept only when a decoder needs them: JFIF (APP0, pixel density),
 * ICC profiles (APP2, colours) and Adobe (APP14, the colour transform of CMYK images). Every
 * other APPn goes, not only Exif/XMP (APP1) and IPTC (APP13): vendors put GPS elsewhere too
 * (GoPro's GPMF telemetry in APP6, MPF indexes of embedded images in APP2), and COM is free text.
 */
function keepsJpegSegment(marker: number, payload: Buffer): boolean {
  const startsWith = (id: string) => payload.toString('latin1', 0, id.length) === id;
  if (marker === 0xe0) return startsWith('JFIF\0');
  if (marker === 0xe2) return startsWith('ICC_PROFILE\0');
  if (marker === 0xee) return startsWith('Adobe');
  return !(marker >= 0xe1 && marker <= 0xef) && marker !== COM;
}

function jpegSegmentName(marker: number, payload: Buffer): string {
  const id = payload.toString('latin1', 0, 32);
  if (marker === 0xe1 && id.startsWith('Exif\0')) return 'APP1 Exif';
  if (marker === 0xe1 && id.startsWith('http://ns.adobe.com/')) return 'APP1 XMP';
  if (marker === 0xed) return 'APP13 IPTC/Photoshop';
  if (marker === COM) return 'COM';
  if (marker >= 0xe0 && marker <= 0xef) return `APP${marker - 0xe0}`;
  return `marker 0x${marker.toString(16)}`;
}

/**
 * Walks the marker segments, drops metadata, and copies the entropy-coded data of each scan as
 * it is. Of Exif only the orientation survives, rewritten alone. Markers between scans (progressive images) are walked the same way. The file ends at
 * the first EOI: what phones append after it (MPF second images, vendor trailers) has its own
 * Exif with the location, so it is dropped as well.
 */
function stripJpeg(b: Buffer): { bytes: Buffer; removed: string[] } {
  const out: Buffer[] = [b.subarray(0, 2)];
  const removed: string[] = [];
  let pos = 2;
  let sawFrame = false;
  let sawScan = false;
  for (;;) {
    if (pos >= b.length) {
      throw new MalformedImage(sawScan ? 'it ends before its end-of-image marker' : 'it has no image data');
    }
    if (b[pos] !== 0xff) throw new MalformedImage(`expected a marker at byte ${pos}`);
    // Any number of 0xFF fill bytes may precede a marker.
    while (b[pos + 1] === 0xff) pos += 1;
    if (pos + 1 >= b.length) throw new MalformedImage('it ends in the middle of a marker');
    const marker = b[pos + 1];
    if (marker === EOI) {
      if (!sawScan) throw new MalformedImage('it has no image data');
      out.push(b.subarray(pos, pos + 2));
      if (pos + 2 < b.length) removed.push('trailing data');
      return { bytes: Buffer.concat(out), removed };
    }
    if (marker === SOI || marker === 0x00) throw new MalformedImage(`unexpected marker at byte ${pos}`);
    if (isStandalone(marker)) {
      out.push(b.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 4 > b.length) throw new MalformedImage('it ends in the middle of a segment header');
    const length = b.readUInt16BE(pos + 2);
    const end = pos + 2 + length;
    if (length < 2) throw new MalformedImage(`a segment at byte ${pos} has an impossible length`);
    const payload = b.subarray(pos + 4, Math.min(end, b.length));
    if (end > b.length) {
      throw new MalformedImage(
        `its ${jpegSegmentName(marker, payload)} segment runs past the end of the file`,
      );
    }
    if (keepsJpegSegment(marker, payload)) {
      out.push(b.subarray(pos, end));
    } else {
      removed.push(jpegSegmentName(marker, payload));
      const orientation = marker === 0xe1 ? exifOrientation(payload) : null;
      if (orientation) out.push(orientationOnlyExif(orientation));
    }
    if (isStartOfFrame(marker)) sawFrame = true;
    pos = end;
    if (marker === SOS) {
      if (!sawFrame) throw new MalformedImage('its image data comes before its frame header');
      sawScan = true;
      const scanEnd = endOfEntropyCodedData(b, pos);
      out.push(b.subarray(pos, scanEnd));
      pos = scanEnd;
    }
  }
}

/**
 * Phones store portrait photos as landscape pixels plus an Exif orientation; without it a clerk
 * would see every such photo on its side. That one number is read (leniently: any doubt means
 * none) so it can be written back alone.
 */
function exifOrientation(payload: Buffer): number | null {
  if (payload.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const tiff = payload.subarray(6);
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const u16 = (at: number) => (order === 'II' ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (order === 'II' ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3 && u32(entry + 4) === 1) {
      const value = u16(entry + 8);
      return value >= 2 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An APP1 Exif segment holding nothing but the orientation (one SHORT tag in IFD0). */
function orientationOnlyExif(orientation: number): Buffer {
  const segment = Buffer.alloc(2 + 2 + 6 + 8 + 2 + 12 + 4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(segment.length - 2, 2);
  segment.write('Exif\0\0MM\0*', 4, 'latin1');
  segment.writeUInt32BE(8, 14);
  segment.writeUInt16BE(1, 18);
  segment.writeUInt16BE(0x0112, 20);
  segment.writeUInt16BE(3, 22);
  segment.writeUInt32BE(1, 24);
  segment.writeUInt16BE(orientation, 28);
  return segment;
}

/** The offset of the first marker after a scan's data: 0xFF followed by neither 0x00 nor RSTn. */
function endOfEntropyCodedData(b: Buffer, from: number): number {
  let pos = b.indexOf(0xff, from);
  while (pos !== -1 && pos + 1 < b.length) {
    const next = b[pos + 1];
    if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) return pos;
    pos = b.indexOf(0xff, pos + 2);
  }
  throw new MalformedImage('its image data ends before its end-of-image marker');
}

// PNG -------------------------------------------------------------------------------------------

/** Exif and free-text chunks: both carry camera locations (ImageMagick writes Exif into zTXt). */
const PNG_METADATA_CHUNKS = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt']);

/** Copies every other chunk with its CRC as it is: the CRC covers only the chunk itself. */
function stripPng(b: Buffer): { bytes: Buffer; removed: string[] } {
  const out: Buffer[] = [b.subarray(0, 8)];
  const removed: string[] = [];
  let pos = 8;
  let sawData = false;
  for (let index = 0; ; index += 1) {
    if (pos + 12 > b.length) throw new MalformedImage('it ends before its IEND chunk');
    const length = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new MalformedImage(`the chunk at byte ${pos} has an invalid type`);
    if (length > 0x7fffffff) throw new MalformedImage(`its ${type} chunk has an impossible length`);
    const end = pos + 12 + length;
    if (end > b.length) throw new MalformedImage(`its ${type} chunk runs past the end of the file`);
    if (index === 0 && type !== 'IHDR') throw new MalformedImage('it does not start with an IHDR chunk');
    if (PNG_METADATA_CHUNKS.has(type)) removed.push(type);
    else out.push(b.subarray(pos, end));
    if (type === 'IDAT') sawData = true;
    pos = end;
    if (type === 'IEND') {
      if (!sawData) throw new MalformedImage('it has no image data');
      if (pos < b.length) removed.push('trailing data');
      return { bytes: Buffer.concat(out), removed };
    }
  }
}

// WebP ------------------------------------------------------------------------------------------

const WEBP_METADATA_CHUNKS = new Set(['EXIF', 'XMP ']);
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

/**
 * Drops the EXIF and XMP chunks, clears their flags in the VP8X header (a decoder may otherwise
 * look for them) and rewrites the RIFF size; every other chunk is copied with its padding.
 */
function stripWebp(b: Buffer): { bytes: Buffer; removed: string[] } {
  const riffEnd = 8 + b.readUInt32LE(4);
  if (riffEnd > b.length) throw new MalformedImage('it is shorter than its RIFF header says');
  const kept: Buffer[] = [];
  const removed: string[] = [];
  let sawImage = false;
  let pos = 12;
  for (let index = 0; pos < riffEnd; index += 1) {
    if (pos + 8 > riffEnd) throw new MalformedImage('it ends in the middle of a chunk header');
    const fourcc = b.toString('latin1', pos, pos + 4);
    const size = b.readUInt32LE(pos + 4);
    const end = pos + 8 + size + (size % 2);
    if (end > riffEnd) throw new MalformedImage(`its "${fourcc.trim()}" chunk runs past the end of the file`);
    if (index === 0 && !['VP8 ', 'VP8L', 'VP8X'].includes(fourcc)) {
      throw new MalformedImage('it does not start with a VP8, VP8L or VP8X chunk');
    }
    if (['VP8 ', 'VP8L', 'ANMF'].includes(fourcc)) sawImage = true;
    if (WEBP_METADATA_CHUNKS.has(fourcc)) {
      removed.push(fourcc.trim());
    } else if (fourcc === 'VP8X') {
      if (size < 10) throw new MalformedImage('its VP8X chunk is too short');
      const header = Buffer.from(b.subarray(pos, end));
      header[8] &= ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
      kept.push(header);
    } else {
      kept.push(b.subarray(pos, end));
    }
    pos = end;
  }
  if (!sawImage) throw new MalformedImage('it has no image data');
  if (riffEnd < b.length) removed.push('trailing data');
  const body = Buffer.concat(kept);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WEBP', 8, 'latin1');
  return { bytes: Buffer.concat([head, body]), removed };
}
