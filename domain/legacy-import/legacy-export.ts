import type { CaseKind } from '../cases/case-states';
import { normalizePlaceText } from '../places/normalize';
import { readLegacyPosition, type LegacyPosition } from './coordinates';
import { delimitedRecords, firstRecord, SEPARATORS, type Separator } from './delimited-text';
import {
  LEGACY_KIND_NAMES,
  legacyAddress,
  legacyCaseNumber,
  legacyKind,
  legacySource,
  optionalText,
  type LegacySource,
} from './legacy-values';
import { decodeExportText, type TextEncodingName } from './text-decoding';
import { parseWarsawTime } from './warsaw-time';

/**
 * The city's legacy CSV export: one row per case and unit (a case forwarded to three units has
 * three rows with its number, each with that unit's closing time or none while it still works on
 * it). The open-cases export has 11 columns; the closed-cases export adds a 12th, `Data zgłoszenia`.
 * Columns are found by their names in the header, so a spreadsheet that moved them still reads.
 */
export const EXPORT_COLUMNS = {
  number: 'Numer zgłoszenia',
  acceptedAt: 'Data przyjęcia zgłoszenia',
  type: 'Typ zgłoszenia',
  district: 'Dzielnica',
  street: 'Ulica',
  building: 'Numer budynku',
  longitude: 'Długość geograficzna',
  latitude: 'Szerokość geograficzna',
  unit: 'Organizacja',
  closedAt: 'Data zakończenia',
  source: 'Źródło',
  reportedAt: 'Data zgłoszenia',
} as const;
export type ExportColumn = keyof typeof EXPORT_COLUMNS;

const OPEN_CASES_COLUMNS: readonly ExportColumn[] = [
  'number',
  'acceptedAt',
  'type',
  'district',
  'street',
  'building',
  'longitude',
  'latitude',
  'unit',
  'closedAt',
  'source',
];

export const EXPORT_LAYOUTS = ['OPEN_CASES', 'CLOSED_CASES'] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];

const COLUMNS_BY_KEY = new Map<string, ExportColumn>(
  (Object.entries(EXPORT_COLUMNS) as [ExportColumn, string][]).flatMap(([column, name]) => [
    [normalizePlaceText(name), column],
    // "Długość" / "Szerokość" alone, as some re-saved files shorten them.
    ...(column === 'longitude' || column === 'latitude'
      ? [[normalizePlaceText(name.split(' ')[0]), column] as [string, ExportColumn]]
      : []),
  ]),
);

export interface ExportHeader {
  layout: ExportLayout;
  separator: Separator;
  /** Where each column is in a row. */
  columns: Map<ExportColumn, number>;
  /** How many fields the header has. */
  width: number;
}

/** A row of the export in civicflow's terms. */
export interface LegacyRow {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  /** As civicflow writes numbers (see legacyCaseNumber). */
  number: string;
  kind: CaseKind;
  /** "Data przyjęcia zgłoszenia": when the contact center took the case in. */
  acceptedAt: Date;
  /** "Data zgłoszenia" (closed-cases export only): when the resident reported it. */
  reportedAt: Date | null;
  district: string | null;
  street: string | null;
  building: string | null;
  position: LegacyPosition | null;
  /** "Organizacja": the unit this row forwarded the case to; null for information requests. */
  unitName: string | null;
  /** "Data zakończenia": when that unit closed the case; null while it is still at work. */
  closedAt: Date | null;
  source: LegacySource | null;
}

/** A row refused (`skipped`: nothing of it is imported) or imported with a field left out. */
export interface RowProblem {
  line: number;
  reason: string;
  skipped: boolean;
}

export interface ExportReadOptions {
  /** The city's street register: keeps street names that end in a number whole. */
  isStreetName?: (text: string) => boolean;
}

export type ExportFileReading =
  | { ok: false; reason: string }
  | {
      ok: true;
      layout: ExportLayout;
      encoding: TextEncodingName;
      separator: Separator;
      /** Data rows read (blank lines aside), good or bad. */
      rowsRead: number;
      rows: LegacyRow[];
      problems: RowProblem[];
    };

const SEPARATOR_NAMES: Record<Separator, string> = { '\t': 'tab', ';': 'semicolon', ',': 'comma' };

function describeCells(cells: string[]): string {
  const shown = cells.slice(0, 8).map((cell) => `"${cell.trim().slice(0, 40)}"`);
  return shown.join(', ') + (cells.length > shown.length ? `, … (${cells.length} columns)` : '');
}

/**
 * The header of an export: the separator whose split of the first line names the most export
 * columns, and which layout those columns make; or why the first line is not such a header.
 */
export function recogniseExportHeader(
  text: string,
): { ok: true; header: ExportHeader } | { ok: false; reason: string } {
  let best: { separator: Separator; cells: string[]; columns: Map<ExportColumn, number> } | null = null;
  for (const separator of SEPARATORS) {
    const cells = firstRecord(text, separator);
    if (!cells) continue;
    const columns = new Map<ExportColumn, number>();
    cells.forEach((cell, index) => {
      const column = COLUMNS_BY_KEY.get(normalizePlaceText(cell));
      if (column && !columns.has(column)) columns.set(column, index);
    });
    // With no export column anywhere, the split with the most cells shows best what the line is.
    if (
      !best ||
      columns.size > best.columns.size ||
      (columns.size === best.columns.size && cells.length > best.cells.length)
    ) {
      best = { separator, cells, columns };
    }
  }
  if (!best || best.columns.size === 0) {
    const cells = best?.cells ?? [];
    return {
      ok: false,
      reason:
        `not a 19115 export: its first line names none of the export's columns ` +
        `(${OPEN_CASES_COLUMNS.map((column) => EXPORT_COLUMNS[column]).join(', ')}); it has ${describeCells(cells)}`,
    };
  }
  const missing = OPEN_CASES_COLUMNS.filter((column) => !best.columns.has(column));
  if (missing.length) {
    return {
      ok: false,
      reason:
        `not a 19115 export: its first line lacks the column${missing.length > 1 ? 's' : ''} ` +
        `${missing.map((column) => EXPORT_COLUMNS[column]).join(', ')} (it has ${describeCells(best.cells)})`,
    };
  }
  return {
    ok: true,
    header: {
      layout: best.columns.has('reportedAt') ? 'CLOSED_CASES' : 'OPEN_CASES',
      separator: best.separator,
      columns: best.columns,
      width: best.cells.length,
    },
  };
}

type RowReading = { row: LegacyRow; notes: string[] } | { reason: string };

const KIND_LIST = Object.values(LEGACY_KIND_NAMES).join(', ');

/** One data row of the export, or why it cannot be imported. */
export function parseExportRow(
  fields: string[],
  line: number,
  header: ExportHeader,
  options: ExportReadOptions = {},
): RowReading {
  if (fields.length < header.width) {
    return { reason: `the row has ${fields.length} fields where the header has ${header.width}` };
  }
  if (fields.slice(header.width).some((field) => field.trim() !== '')) {
    return {
      reason: `the row has ${fields.length} fields where the header has ${header.width} (a separator inside an unquoted field?)`,
    };
  }
  const field = (column: ExportColumn): string => {
    const index = header.columns.get(column);
    return index === undefined ? '' : fields[index];
  };
  const number = legacyCaseNumber(field('number'));
  if (!number) return { reason: `"${field('number').trim()}" is not a case number (like 223820/14)` };
  const acceptedText = field('acceptedAt').trim();
  const acceptedAt = parseWarsawTime(acceptedText);
  if (!acceptedAt) {
    return {
      reason: acceptedText
        ? `intake time "${acceptedText}" is not a date and time (like 2014-03-12 23:15:10)`
        : 'the intake time (Data przyjęcia zgłoszenia) is empty',
    };
  }
  const kind = legacyKind(field('type'));
  if (!kind)
    return { reason: `unknown request type "${field('type').trim()}" (expected one of ${KIND_LIST})` };
  const closedText = field('closedAt').trim();
  const closedAt = closedText ? parseWarsawTime(closedText) : null;
  if (closedText && !closedAt) {
    return { reason: `closing time "${closedText}" is not a date and time (like 2014-03-12 23:15:10)` };
  }
  const notes: string[] = [];
  const reportedText = field('reportedAt').trim();
  let reportedAt = reportedText ? parseWarsawTime(reportedText) : null;
  if (reportedText && !reportedAt) {
    notes.push(`report time "${reportedText}" is not a date and time: left empty`);
    reportedAt = null;
  }
  const { position, problem } = readLegacyPosition(field('longitude'), field('latitude'));
  if (problem) notes.push(problem);
  const { street, building } = legacyAddress(field('street'), field('building'), options.isStreetName);
  return {
    row: {
      line,
      number,
      kind,
      acceptedAt,
      reportedAt,
      district: optionalText(field('district')),
      street,
      building,
      position,
      unitName: optionalText(field('unit')),
      closedAt,
      source: legacySource(field('source')),
    },
    notes,
  };
}

/**
 * An export file's rows, or why the file is not an export (then nothing of it may be imported).
 * Bad rows are reported by line and the others still read.
 */
export function readExportFile(bytes: Uint8Array, options: ExportReadOptions = {}): ExportFileReading {
  const decoded = decodeExportText(bytes);
  if (!decoded.ok) return decoded;
  return readExportText(decoded.text, decoded.encoding, options);
}

export function readExportText(
  text: string,
  encoding: TextEncodingName,
  options: ExportReadOptions = {},
): ExportFileReading {
  const recognised = recogniseExportHeader(text);
  if (!recognised.ok) return recognised;
  const { header } = recognised;
  const rows: LegacyRow[] = [];
  const problems: RowProblem[] = [];
  let rowsRead = 0;
  let isHeader = true;
  for (const record of delimitedRecords(text, header.separator)) {
    if (isHeader) {
      isHeader = false;
      continue;
    }
    rowsRead++;
    if (record.error !== undefined) {
      problems.push({ line: record.line, reason: record.error, skipped: true });
      continue;
    }
    const reading = parseExportRow(record.fields, record.line, header, options);
    if ('reason' in reading) {
      problems.push({ line: record.line, reason: reading.reason, skipped: true });
      continue;
    }
    rows.push(reading.row);
    for (const note of reading.notes) problems.push({ line: record.line, reason: note, skipped: false });
  }
  return {
    ok: true,
    layout: header.layout,
    encoding,
    separator: header.separator,
    rowsRead,
    rows,
    problems,
  };
}

export function separatorName(separator: Separator): string {
  return SEPARATOR_NAMES[separator];
}
