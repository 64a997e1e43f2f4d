import { toWarsawWallClock } from '../sla/warsaw-time';

/**
 * The one CSV format of the back office's exports (case list, audit trail, dashboard tables), made
 * for Excel in a Polish locale, where people open them: a double click must give columns and
 * Polish letters. Hence UTF-8 with a byte order mark (without it Excel reads the bytes as
 * Windows-1250), ';' between fields (the list separator there, since ',' is the decimal mark),
 * decimals with a comma, CRLF line ends, RFC 4180 quoting, and times as a clock in Warsaw shows
 * them. Pure, so the API and the back office in the browser write the same bytes. The open data
 * has a documented machine-readable format of its own (api/open-data).
 */
const CSV_SEPARATOR = ';';
const CSV_BOM = '\uFEFF';
const CSV_LINE_END = '\r\n';

export type CsvCell = string | number | boolean | null | undefined;

/**
 * One field. Text a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return
 * first) gets an apostrophe in front; a field with the separator, a quote or a line break is
 * quoted with its quotes doubled. Numbers are written as they are, the decimal point as a comma:
 * round them before.
 */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: the byte order mark, the header, one line per row, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return (
    CSV_BOM + [header, ...rows].map((row) => row.map(csvField).join(CSV_SEPARATOR) + CSV_LINE_END).join('')
  );
}

/**
 * An instant as Warsaw's clocks show it, `YYYY-MM-DD HH:mm`, whatever the time zone of the server
 * or the browser; '' for none. Summer and winter time follow the EU rules.
 */
export function warsawDateTime(instant: Date | string | null | undefined): string {
  if (instant === null || instant === undefined || instant === '') return '';
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const clock = toWarsawWallClock(date);
  return `${clock.date} ${clock.time}`;
}
