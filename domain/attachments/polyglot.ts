/**
 * A polyglot is a file that is a valid image and, read by another program, something else too: a
 * ZIP archive (a JAR, an office document) appended after the image, an HTML page or a script in a
 * comment, a PDF in the first kilobyte. Re-encoding already keeps none of it, so nothing stored or
 * served could act as anything but an image; such a file is still refused, because no camera
 * makes one: it was crafted, and the city should not file it as a resident's evidence.
 *
 * Only signatures that a reader of the other format itself relies on are looked for, each long
 * enough that compressed image data matches one by chance about once in millions of photos.
 */

/**
 * Markup a browser or a PHP interpreter would act on, case-insensitive as they are: one regular
 * expression over the file as latin1 text, compiled to native code, so a file crafted to be all
 * "<" costs no more to scan than a photo.
 */
const MARKUP: { name: string; pattern: RegExp }[] = [
  { name: 'an HTML page', pattern: /<(?:script|iframe|!doctype html|html[\t\n\f\r >])/i },
  { name: 'a PHP script', pattern: /<\?php[\t\n\f\r ]/i },
];

/** PDF readers accept the header anywhere in the first 1024 bytes. */
const PDF_HEADER = '%PDF-';
const PDF_HEADER_WITHIN = 1024;

/** ZIP's end-of-central-directory record: 22 bytes and a comment, at the very end of the file. */
const ZIP_END_RECORD = Buffer.from('PK\x05\x06', 'latin1');
const ZIP_END_RECORD_LENGTH = 22;
const ZIP_MAX_COMMENT = 0xffff;

function endsWithZipArchive(bytes: Buffer): boolean {
  const lowest = Math.max(0, bytes.length - ZIP_END_RECORD_LENGTH - ZIP_MAX_COMMENT);
  for (
    let at = bytes.lastIndexOf(ZIP_END_RECORD, bytes.length - ZIP_END_RECORD_LENGTH);
    at >= lowest;
    at = at > 0 ? bytes.lastIndexOf(ZIP_END_RECORD, at - 1) : -1
  ) {
    // A ZIP reader finds the record by this: its comment runs exactly to the end of the file.
    if (at + ZIP_END_RECORD_LENGTH + bytes.readUInt16LE(at + 20) === bytes.length) return true;
  }
  return false;
}

/** What else the file is, as "a ZIP archive" or "an HTML page", or null for a plain image. */
export function otherFormatIn(file: Uint8Array): string | null {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (endsWithZipArchive(bytes)) return 'a ZIP archive';
  if (bytes.subarray(0, PDF_HEADER_WITHIN).includes(PDF_HEADER, 0, 'latin1')) return 'a PDF document';
  const text = bytes.toString('latin1');
  return MARKUP.find(({ pattern }) => pattern.test(text))?.name ?? null;
}
