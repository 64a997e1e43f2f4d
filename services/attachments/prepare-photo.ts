import sharp from 'sharp';
import {
  detectImageType,
  IMAGE_FORMAT_NAMES,
  IMAGE_MEDIA_TYPES,
  looksCutShort,
  type ImageMediaType,
} from '../../domain/attachments/image-types';
import type { PhotoSettings } from '../../domain/attachments/photo-limits';
import { otherFormatIn } from '../../domain/attachments/polyglot';
import { AppError } from '../../domain/errors';

/**
 * Residents' photos are hostile input, and the camera often wrote where the resident lives into
 * them. Each photo is therefore decoded by libvips (sharp), turned upright by its Exif orientation
 * and encoded anew: the new file holds pixels and nothing else, whatever metadata blocks, trailing
 * images or vendor segments the upload carried, and the upload's own bytes are never stored. The
 * same decoding makes the thumbnail and the screen size, so the back office never has to fetch a
 * 10 MB photo to show a list.
 */

/** A photo ready to store: only these bytes ever reach the disk. */
export interface CleanPhoto {
  fileName: string;
  mediaType: ImageMediaType;
  /** The re-encoded original, upright, in the upload's format. */
  bytes: Buffer;
  width: number;
  height: number;
  /** WebP, at most PhotoSettings.screenPx and .thumbnailPx on the longer side. */
  screen: Buffer;
  thumbnail: Buffer;
}

/** Why a photo is refused (the `reason` of a 422), for the resident's app and the logs. */
export type PhotoRefusal = 'TOO_MANY_PIXELS' | 'TRUNCATED' | 'DAMAGED' | 'POLYGLOT' | 'TOO_SLOW';

const SHARP_FORMATS: Record<ImageMediaType, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

const CUT_SHORT = 'the file is cut short; send it again';

type SmallerSize = 'screen' | 'thumb';

/**
 * How the smaller sizes are encoded. Lists and the case page must stay light whatever the photo
 * (gravel or foliage in sharp focus compresses badly), so each size has a byte budget: a lower
 * quality is tried only when the first is over it, which few photos ever are. Effort 2 for the
 * screen size takes about the time the original's JPEG does; the default, 4, doubles that on a
 * 12 MP photo for 5% fewer bytes.
 */
const SMALLER_SIZES: Record<SmallerSize, { qualities: number[]; effort: number; budgetBytes: number }> = {
  screen: { qualities: [80, 65, 50], effort: 2, budgetBytes: 250_000 },
  thumb: { qualities: [70, 55], effort: 4, budgetBytes: 40_000 },
};

let librarySetUp = false;

/**
 * Once per process: libvips may use only the JPEG, PNG and WebP loaders (an SVG, TIFF or HEIF
 * file never reaches a parser of its own, whatever it claims to be), and keeps no cache of decoded
 * images, which would hold residents' photos in memory for nothing.
 */
function setUpLibrary(): void {
  if (librarySetUp) return;
  sharp.block({ operation: ['VipsForeignLoad'] });
  sharp.unblock({
    operation: ['VipsForeignLoadJpegBuffer', 'VipsForeignLoadPngBuffer', 'VipsForeignLoadWebpBuffer'],
  });
  sharp.cache(false);
  librarySetUp = true;
}

function refused(
  reason: PhotoRefusal,
  label: string,
  mediaType: ImageMediaType,
  why: string,
  extra: Record<string, unknown> = {},
): AppError {
  return new AppError(
    'UNPROCESSABLE',
    `${label} is not a readable ${IMAGE_FORMAT_NAMES[mediaType]} image: ${why}`,
    { file: label, mediaType, reason, ...extra },
  );
}

function decoderRefusal(error: unknown, label: string, mediaType: ImageMediaType): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (/timeout/i.test(message)) {
    return refused('TOO_SLOW', label, mediaType, 'it takes too long to decode');
  }
  if (/pixel limit/i.test(message)) {
    return refused('TOO_MANY_PIXELS', label, mediaType, 'it has too many pixels');
  }
  if (/premature end|unexpected end|truncated/i.test(message)) {
    return refused('TRUNCATED', label, mediaType, CUT_SHORT);
  }
  return refused('DAMAGED', label, mediaType, 'its image data is damaged');
}

/**
 * Checks a photo and makes its three sizes. Throws AppError UNSUPPORTED_MEDIA_TYPE (415) for
 * anything but JPEG, PNG and WebP by content, and UNPROCESSABLE (422) with a `reason` for a file
 * that is also something else (POLYGLOT), declares more pixels than `settings.maxPixels`
 * (TOO_MANY_PIXELS, refused from the header alone), is cut short (TRUNCATED), cannot be decoded
 * (DAMAGED) or takes too long (TOO_SLOW). `label` (the file's name) is what messages call it.
 */
export async function preparePhoto(
  input: Buffer,
  label: string,
  settings: PhotoSettings,
): Promise<CleanPhoto> {
  setUpLibrary();
  const mediaType = detectImageType(input);
  if (!mediaType) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${label} is not a JPEG, PNG or WebP image`, {
      file: label,
      accepted: [...IMAGE_MEDIA_TYPES],
    });
  }
  const other = otherFormatIn(input);
  if (other) {
    throw refused('POLYGLOT', label, mediaType, `it is also ${other}`, { alsoIs: other });
  }
  if (looksCutShort(input, mediaType)) {
    throw refused('TRUNCATED', label, mediaType, CUT_SHORT);
  }
  let header: sharp.Metadata;
  try {
    // The header only: no pixel is decoded here, so no limit is needed to read it safely.
    header = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw decoderRefusal(error, label, mediaType);
  }
  if (header.format !== SHARP_FORMATS[mediaType] || !header.width || !header.height) {
    throw refused('DAMAGED', label, mediaType, 'its header cannot be read');
  }
  const pixels = header.width * header.height;
  if (pixels > settings.maxPixels) {
    throw refused(
      'TOO_MANY_PIXELS',
      label,
      mediaType,
      `it is ${header.width} x ${header.height} pixels (${megapixels(pixels)} megapixels), ` +
        `more than the ${megapixels(settings.maxPixels)} megapixels accepted`,
      { width: header.width, height: header.height, maxPixels: settings.maxPixels },
    );
  }

  let pixelsOf: { data: Buffer; info: sharp.OutputInfo };
  try {
    // Decoded once, upright, to plain pixels in sRGB: every size is encoded from these, and
    // nothing of the file but its pixels can reach them.
    pixelsOf = await sharp(input, {
      // libvips' own check, should the header above and the decoder ever disagree.
      limitInputPixels: settings.maxPixels,
      // sharp's advice for untrusted input: a decoder warning (a cut file) refuses the photo.
      failOn: 'warning',
    })
      .timeout({ seconds: settings.timeoutSeconds })
      .autoOrient()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw decoderRefusal(error, label, mediaType);
  }
  const { data, info } = pixelsOf;
  const fromPixels = () =>
    sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).timeout({
      seconds: settings.timeoutSeconds,
    });
  const smaller = async (size: SmallerSize, longerSide: number) => {
    const resized = await fromPixels()
      .resize({ width: longerSide, height: longerSide, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { width, height, channels } = resized.info;
    let encoded = Buffer.alloc(0);
    for (const quality of SMALLER_SIZES[size].qualities) {
      encoded = await sharp(resized.data, { raw: { width, height, channels } })
        .webp({ quality, effort: SMALLER_SIZES[size].effort })
        .toBuffer();
      if (encoded.length <= SMALLER_SIZES[size].budgetBytes) break;
    }
    return encoded;
  };
  try {
    const [original, screen, thumbnail] = await Promise.all([
      encodeOriginal(fromPixels, mediaType, input.length),
      smaller('screen', settings.screenPx),
      smaller('thumb', settings.thumbnailPx),
    ]);
    return {
      fileName: label,
      mediaType,
      bytes: original,
      width: info.width,
      height: info.height,
      screen,
      thumbnail,
    };
  } catch (error) {
    throw decoderRefusal(error, label, mediaType);
  }
}

/**
 * The original in its own format, at its full size (sharp writes no metadata unless asked to).
 * Quality 90 keeps what a phone's JPEG holds; a photo sent at a lower quality (a messenger's copy)
 * would grow at 90 for no detail gained, so it is encoded at 80 instead when 90 comes out larger
 * than the upload.
 */
async function encodeOriginal(
  image: () => sharp.Sharp,
  mediaType: ImageMediaType,
  uploadBytes: number,
): Promise<Buffer> {
  if (mediaType === 'image/png') return image().png().toBuffer();
  let encoded = Buffer.alloc(0);
  for (const quality of [90, 80]) {
    encoded = await (
      mediaType === 'image/jpeg'
        ? image().jpeg({ quality })
        : // Effort 2: half the time of the default 4 for about 3% more bytes.
          image().webp({ quality, effort: 2 })
    ).toBuffer();
    if (encoded.length <= uploadBytes) break;
  }
  return encoded;
}

function megapixels(pixels: number): string {
  return String(Math.round(pixels / 100_000) / 10);
}
