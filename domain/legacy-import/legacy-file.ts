import type { Separator } from './delimited-text';
import {
  readExportText,
  type ExportLayout,
  type ExportReadOptions,
  type LegacyRow,
  type RowProblem,
} from './legacy-export';
import { groupLegacyRows, type GroupedLegacyCases, type LegacyCase } from './legacy-cases';
import { readStoreRecords } from './store-records';
import { decodeExportText, type TextEncodingName } from './text-decoding';

/**
 * One uploaded file, whatever it is: the city's CSV export (either layout, any encoding and
 * separator it comes in), 19115store JSON records, or something else, refused with the reason
 * before anything of it is imported.
 */
interface FileRead {
  ok: true;
  file: string;
  encoding: TextEncodingName;
  /** Data rows (export) or records (JSON) in the file, good or bad. */
  rowsRead: number;
  /** `line` is the line of the file (export) or the record's position in the list (JSON). */
  problems: RowProblem[];
}

export type LegacyFileReading =
  | { ok: false; file: string; reason: string }
  | (FileRead & { format: ExportLayout; separator: Separator; rows: LegacyRow[] })
  | (FileRead & { format: '19115STORE'; cases: LegacyCase[]; repeatedRows: number });

export type LegacyFileFormat = Extract<LegacyFileReading, { ok: true }>['format'];

export function readLegacyFile(
  bytes: Uint8Array,
  file: string,
  options: ExportReadOptions = {},
): LegacyFileReading {
  const decoded = decodeExportText(bytes);
  if (!decoded.ok) return { ok: false, file, reason: decoded.reason };
  const { text, encoding } = decoded;
  if (/^\s*[[{]/.test(text)) {
    const records = readStoreRecords(text, file);
    if (!records.ok) return { ok: false, file, reason: records.reason };
    const { rowsRead, cases, repeatedRows, problems } = records;
    return { ok: true, file, format: '19115STORE', encoding, rowsRead, cases, repeatedRows, problems };
  }
  const exported = readExportText(text, encoding, options);
  if (!exported.ok) return { ok: false, file, reason: exported.reason };
  const { layout, separator, rowsRead, rows, problems } = exported;
  return { ok: true, file, format: layout, encoding, separator, rowsRead, rows, problems };
}

/**
 * The cases of several files read together, older files first: export rows of one case are
 * grouped across files (the open-cases export and a later closed-cases export make one case), and
 * a case in JSON records replaces what the exports said of it (records carry its whole history).
 */
export function combineLegacyFiles(readings: readonly LegacyFileReading[]): GroupedLegacyCases {
  const exports = readings.flatMap((reading) =>
    reading.ok && reading.format !== '19115STORE' ? [{ file: reading.file, rows: reading.rows }] : [],
  );
  const grouped = groupLegacyRows(exports);
  const byNumber = new Map(grouped.cases.map((legacyCase) => [legacyCase.number, legacyCase]));
  let repeatedRows = grouped.repeatedRows;
  for (const reading of readings) {
    if (!reading.ok || reading.format !== '19115STORE') continue;
    repeatedRows += reading.repeatedRows;
    for (const legacyCase of reading.cases) {
      if (byNumber.has(legacyCase.number)) repeatedRows++;
      byNumber.set(legacyCase.number, legacyCase);
    }
  }
  return { cases: [...byNumber.values()], repeatedRows };
}
