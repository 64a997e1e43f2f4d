/**
 * What a resident's photo may be, judged by its first bytes (its name and declared type prove
 * nothing), and the sizes civicflow keeps of each. The pixels themselves are read by libvips
 * (services/attachments/prepare-photo.ts); these checks only decide what is handed to it.
 */

export const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

export const IMAGE_FORMAT_NAMES: Record<ImageMediaType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
};

/**
 * Each photo is kept in three sizes: a thumbnail for lists, a screen size for the case page and
 * the re-encoded original for download. The smaller two are WebP whatever the original was
 * (every browser the back office supports shows it, and it keeps a screenshot's transparency).
 */
export const PHOTO_SIZES = ['thumb', 'screen', 'original'] as const;
export type PhotoSize = (typeof PHOTO_SIZES)[number];
export const SMALLER_SIZES_MEDIA_TYPE = 'image/webp' satisfies ImageMediaType;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND_CHUNK = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

const latin1 = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/** The type by the file's first bytes, or null for anything but JPEG, PNG and WebP. */
export function detectImageType(bytes: Uint8Array): ImageMediaType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 12 && latin1(bytes, 0, 4) === 'RIFF' && latin1(bytes, 8, 12) === 'WEBP') {
    return 'image/webp';
  }
  return null;
}

/**
 * Whether the file visibly stops short of its own end: a PNG without its IEND chunk, a WebP
 * shorter than its RIFF header says. Decoders read such a file up to where it stops (the PNG
 * decoder does not even miss IEND), but an upload cut short over a phone's connection should be
 * sent again rather than stored half grey. A JPEG's decoder notices this by itself.
 */
export function looksCutShort(bytes: Uint8Array, mediaType: ImageMediaType): boolean {
  if (mediaType === 'image/png') {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(PNG_IEND_CHUNK) === -1;
  }
  if (mediaType === 'image/webp') {
    const declared = (bytes[4] | (bytes[5] << 8) | (bytes[6] << 16) | (bytes[7] << 24)) >>> 0;
    return 8 + declared > bytes.length;
  }
  return false;
}
