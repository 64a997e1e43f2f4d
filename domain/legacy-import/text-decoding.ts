/**
 * The bytes of an uploaded export, as text. The city's own export is UTF-16 little-endian with a
 * byte order mark; re-saved from a spreadsheet it becomes UTF-8 (with or without the mark) or, from
 * a Polish Excel, Windows-1250. Anything that does not read as text is refused with the reason, so
 * an upload of the wrong file says so instead of producing a page of "bad rows".
 */

export type TextEncodingName = 'utf-16le' | 'utf-16be' | 'utf-8' | 'windows-1250';

export type DecodedText =
  { ok: true; text: string; encoding: TextEncodingName } | { ok: false; reason: string };

/** How many leading bytes tell UTF-16 without a byte order mark from the 8-bit encodings. */
const SNIFF_BYTES = 512;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * UTF-16 without a mark: text of Latin letters has a zero byte in every other position (odd
 * positions in little-endian, even in big-endian); 8-bit text has almost none.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < length; index += 2) {
    if (bytes[index] === 0) evenZeros++;
    if (bytes[index + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

function decode(bytes: Uint8Array, encoding: TextEncodingName, fatal: boolean): string | null {
  try {
    return new TextDecoder(encoding, { fatal, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Control characters other than tab, line feed, carriage return and form feed never occur in an
 * export: random bytes or a binary file (a spreadsheet's .xlsx, a zip, an image) decode to many.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/g;

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65_536);
  const controls = sample.match(CONTROL)?.length ?? 0;
  return sample.includes('\u0000') || controls > sample.length * 0.01;
}

/** The text of an export file, or why these bytes are not one. */
export function decodeExportText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return {
      ok: false,
      reason: 'the file is a zip archive (an .xlsx spreadsheet?): save it as CSV or import the export itself',
    };
  }
  let encoding: TextEncodingName;
  let text: string | null;
  if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = 'utf-16le';
    text = decode(bytes, encoding, false);
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = 'utf-16be';
    text = decode(bytes, encoding, false);
  } else if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = 'utf-8';
    text = decode(bytes, encoding, false);
  } else {
    const utf16 = sniffUtf16(bytes);
    if (utf16) {
      encoding = utf16;
      text = decode(bytes, encoding, false);
    } else {
      // Valid UTF-8 is almost never an accident; Polish Excel saves CSV as Windows-1250.
      encoding = 'utf-8';
      text = decode(bytes, encoding, true);
      if (text === null) {
        encoding = 'windows-1250';
        text = decode(bytes, encoding, false);
      }
    }
  }
  if (text === null || looksBinary(text)) {
    return {
      ok: false,
      reason: 'the file is not text (binary data or random bytes), so it is not an export',
    };
  }
  // TextDecoder drops the mark of UTF-8 and UTF-16; a mark left behind by a double conversion goes too.
  return { ok: true, text: text.replace(/^\ufeff/, ''), encoding };
}
