import { normalizePlaceText } from '../places/normalize';
import type { LegacyRow } from './legacy-export';

/** One unit a legacy case went to, and when that unit closed it (null while it is at work). */
export interface LegacyUnitTask {
  unitName: string;
  closedAt: Date | null;
}

/** A public status change of a case as open data records it (19115store records only). */
export interface LegacyStatusChange {
  /** The city's word, as written (`Przekazane`, `Zamknięte`). */
  status: string;
  description: string | null;
  at: Date;
}

/**
 * A case of the legacy system, from all its rows. It is closed when every unit it went to closed
 * it (an information request, which goes to no unit, when its own row is closed), at the latest
 * of those closing times: the time the resident's matter was done, so resolution-time statistics
 * count it like a native case.
 */
export interface LegacyCase extends Omit<LegacyRow, 'line' | 'unitName' | 'closedAt'> {
  units: LegacyUnitTask[];
  status: 'OPEN' | 'CLOSED';
  closedAt: Date | null;
  /** Open-data records name the event and subcategory (in the city's words); the export does not. */
  eventName?: string | null;
  subcategoryName?: string | null;
  statuses?: LegacyStatusChange[];
  /** Where the case was read from, for the report. */
  origins: LegacyOrigin[];
}

/** A file and its line (export) or record position (JSON records). */
export interface LegacyOrigin {
  file: string;
  line: number;
}

/** Unit names as keys: the same unit typed with other spacing or case is one unit. */
export function unitNameKey(name: string): string {
  return normalizePlaceText(name);
}

interface Closing {
  unitName: string | null;
  closedAt: Date | null;
}

interface Draft {
  legacyCase: LegacyCase;
  closings: Map<string, Closing>;
}

const later = (a: Date | null, b: Date | null): Date | null => (!a ? b : !b ? a : a >= b ? a : b);

/**
 * When the same case and unit appear twice (a file read twice, or the open-cases export and a
 * later closed-cases export in one import), the row that closed it wins, the later closing time
 * if both did.
 */
function mergeClosing(existing: Closing, row: LegacyRow): void {
  existing.closedAt = later(existing.closedAt, row.closedAt);
}

function fromRow(row: LegacyRow): LegacyCase {
  return {
    number: row.number,
    kind: row.kind,
    acceptedAt: row.acceptedAt,
    reportedAt: row.reportedAt,
    district: row.district,
    street: row.street,
    building: row.building,
    position: row.position,
    source: row.source,
    units: [],
    status: 'OPEN',
    closedAt: null,
    origins: [],
  };
}

/** Fields one row left empty are taken from another row of the same case; the first filled wins. */
function fillGaps(target: LegacyCase, row: LegacyRow): void {
  target.reportedAt ??= row.reportedAt;
  target.district ??= row.district;
  target.street ??= row.street;
  target.building ??= row.building;
  target.position ??= row.position;
  target.source ??= row.source;
}

export interface GroupedLegacyCases {
  cases: LegacyCase[];
  /** Rows that repeat a case and unit already read: they count once. */
  repeatedRows: number;
}

/** The rows read from one file. */
export interface LegacyRowBatch {
  file: string;
  rows: Iterable<LegacyRow>;
}

/**
 * The cases of export rows (of one file or several, in the order given: an older export first),
 * in the order their numbers first appear: one row per case and unit, a repeated row counted once.
 */
export function groupLegacyRows(batches: Iterable<LegacyRowBatch>): GroupedLegacyCases {
  const drafts = new Map<string, Draft>();
  let repeatedRows = 0;
  for (const { file, rows } of batches)
    for (const row of rows) {
      let draft = drafts.get(row.number);
      if (!draft) {
        draft = { legacyCase: fromRow(row), closings: new Map() };
        drafts.set(row.number, draft);
      } else {
        fillGaps(draft.legacyCase, row);
      }
      draft.legacyCase.origins.push({ file, line: row.line });
      const key = row.unitName === null ? '' : unitNameKey(row.unitName);
      const existing = draft.closings.get(key);
      if (existing) {
        repeatedRows++;
        mergeClosing(existing, row);
      } else {
        draft.closings.set(key, { unitName: row.unitName, closedAt: row.closedAt });
      }
    }
  return { cases: [...drafts.values()].map(finish), repeatedRows };
}

function finish({ legacyCase, closings }: Draft): LegacyCase {
  const all = [...closings.values()];
  const units = all.flatMap(({ unitName, closedAt }) => (unitName === null ? [] : [{ unitName, closedAt }]));
  const closed = all.every((closing) => closing.closedAt !== null);
  return {
    ...legacyCase,
    units,
    status: closed ? 'CLOSED' : 'OPEN',
    closedAt: closed
      ? all.reduce<Date | null>((latest, closing) => later(latest, closing.closedAt), null)
      : null,
  };
}
