/** How many photos a case takes in total, and how large each may be (the numbers). */
export const MAX_PHOTOS_PER_CASE = 5;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** How photos are decoded and resized at upload (PHOTO_* settings). */
export interface PhotoSettings {
  /**
   * Width times height a photo may have. Checked from the header before any pixel is decoded, so
   * a small file declaring huge dimensions (a decompression bomb) is refused at once.
   */
  maxPixels: number;
  /** The longer side of the thumbnail lists show, and of the screen size the case page shows. */
  thumbnailPx: number;
  screenPx: number;
  /** Decoding and encoding one size of one photo may take this long. */
  timeoutSeconds: number;
}

/**
 * 120 megapixels takes every phone camera's full-resolution mode (108 MP sensors included). A
 * photo is decoded whole once, 3 bytes a pixel (4 with transparency): about 360 MB at that size,
 * one photo at a time per upload. A 30,000 x 30,000 image (900 MP) is refused.
 */
export const DEFAULT_PHOTO_SETTINGS: PhotoSettings = {
  maxPixels: 120_000_000,
  thumbnailPx: 320,
  screenPx: 1280,
  timeoutSeconds: 30,
};
