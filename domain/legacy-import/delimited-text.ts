/**
 * Delimited text (RFC 4180 and its relatives): the city's export uses tabs, spreadsheets write
 * `;` (Polish locale) or `,`. Fields may be quoted, with doubled quotes inside and line breaks in a
 * quoted field; lines end in CRLF or LF. Each record carries the line it starts on, so a problem is
 * reported where a person opening the file finds it.
 */

export const SEPARATORS = ['\t', ';', ','] as const;
export type Separator = (typeof SEPARATORS)[number];

export type DelimitedRecord =
  { line: number; fields: string[]; error?: undefined } | { line: number; fields?: undefined; error: string };

/** The records of `text`, one per line (or more lines, when a quoted field holds line breaks); blank lines are skipped. */
export function* delimitedRecords(text: string, separator: Separator): Generator<DelimitedRecord> {
  const length = text.length;
  let position = 0;
  let line = 1;
  while (position < length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let unterminated = false;
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text[position] === '"') {
        // A quoted field: up to the quote that is not doubled.
        position++;
        let closed = false;
        while (position < length) {
          const char = text[position];
          if (char === '"') {
            if (text[position + 1] === '"') {
              field += '"';
              position += 2;
              continue;
            }
            position++;
            closed = true;
            break;
          }
          if (char === '\n') line++;
          field += char;
          position++;
        }
        if (!closed) unterminated = true;
      }
      // The unquoted part (or what follows a closing quote, kept as written).
      while (position < length) {
        const char = text[position];
        if (char === separator || char === '\n' || char === '\r') break;
        field += char;
        position++;
      }
      fields.push(field);
      field = '';
      const char = text[position];
      if (char === separator) {
        position++;
      } else {
        if (char === '\r') position++;
        if (text[position] === '\n') position++;
        if (char === '\r' || char === '\n') line++;
        endOfRecord = true;
      }
      if (position >= length && char === separator) {
        fields.push('');
        endOfRecord = true;
      }
    }
    if (unterminated) {
      yield { line: startLine, error: 'a quoted field is not closed before the end of the file' };
    } else if (!(fields.length === 1 && fields[0].trim() === '')) {
      yield { line: startLine, fields };
    }
  }
}

/** The fields of the first record only, without reading the rest of the text. */
export function firstRecord(text: string, separator: Separator): string[] | null {
  const first = delimitedRecords(text, separator).next();
  return first.done || first.value.error !== undefined ? null : first.value.fields;
}
