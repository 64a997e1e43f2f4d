import type { ImageMediaType } from '../../domain/attachments/image-types';

const EXTENSIONS: Record<ImageMediaType, string[]> = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
};

const MAX_NAME_LENGTH = 200;

/**
 * The resident's name for a file, fit for display: no path, no control or bidirectional-override
 * characters (which can make "gpj.exe" read as "exe.jpg"), trimmed to a sane length. It is never
 * used to find or type the file.
 */
export function sanitizeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const chars = [...cleaned];
  return (
    (chars.length > MAX_NAME_LENGTH ? chars.slice(chars.length - MAX_NAME_LENGTH) : chars).join('') || 'photo'
  );
}

/** The name to download under: the display name, with the extension the real type calls for. */
export function downloadName(fileName: string, mediaType: ImageMediaType): string {
  const lower = fileName.toLowerCase();
  if (EXTENSIONS[mediaType].some((ext) => lower.endsWith(ext))) return fileName;
  return `${fileName.replace(/\.(jpe?g|png|webp|gif|heic)$/i, '')}${EXTENSIONS[mediaType][0]}`;
}

/**
 * `inline` with an ASCII fallback name and the exact UTF-8 one (RFC 6266 / RFC 8187), so quotes,
 * semicolons or line breaks in a resident's file name cannot break or inject header parameters.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
