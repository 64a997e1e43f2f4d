import { z } from 'zod';
import { normalizePlaceText } from '../places/normalize';
import { readLegacyPosition } from './coordinates';
import type { RowProblem } from './legacy-export';
import type { LegacyCase, LegacyStatusChange } from './legacy-cases';
import { legacyCaseNumber, legacyKind, legacySource, optionalText } from './legacy-values';

/**
 * Records of the city's `19115store_getNotifications` open-data API, as civicflow's own open data
 * writes them (api/open-data/notification-records.ts): one record a case, WGS84 positions, the
 * public status history. Read into the same legacy cases as the export, so one civicflow can take
 * another's open data. Records name no unit: a case's closing is its status history's.
 */

const text = z.string().nullish();
const coordinate = z.union([z.number(), z.string()]).nullish();
const epochOrIso = z.union([z.number(), z.string().min(1)]);

const notificationRecord = z.object({
  notificationNumber: z.union([z.string(), z.number()]),
  category: text,
  subcategory: text,
  event: text,
  notificationType: text,
  district: text,
  street: text,
  xCoordWGS84: coordinate,
  yCoordWGS84: coordinate,
  createDate: epochOrIso,
  source: text,
  statuses: z.array(z.object({ status: z.string(), description: text, changeDate: epochOrIso })).nullish(),
});
type NotificationRecord = z.infer<typeof notificationRecord>;

/**
 * Statuses after which nobody works on the case any more: done, answered, closed, cancelled or
 * merged (the texts of domain/cases/public-view.ts, and the city's).
 */
const FINISHED_STATUSES = new Set(
  ['Zrealizowane', 'Udzielono odpowiedzi', 'Zamknięte', 'Anulowane', 'Połączone'].map(normalizePlaceText),
);

function instant(value: number | string): Date | null {
  const date = typeof value === 'number' || /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The list of records in the shapes the API and its copies come in. */
function recordList(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  if (typeof json !== 'object' || json === null) return null;
  const object = json as Record<string, unknown>;
  // civicflow's pages are {items}; the city's API answers {result: {notifications}} or {result: [...]}.
  for (const candidate of [object.items, object.notifications, object.result]) {
    if (Array.isArray(candidate)) return candidate;
    const inner = recordList(candidate);
    if (candidate && typeof candidate === 'object' && inner) return inner;
  }
  return null;
}

type RecordReading = { legacyCase: LegacyCase; notes: string[] } | { reason: string };

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.join('.') || 'record'}: ${issue.message}`;
}

export function parseStoreRecord(value: unknown, recordNumber: number, file: string): RecordReading {
  const parsed = notificationRecord.safeParse(value);
  if (!parsed.success) {
    return {
      reason: `not a 19115store record (${parsed.error.issues.slice(0, 3).map(describeIssue).join('; ')})`,
    };
  }
  const record: NotificationRecord = parsed.data;
  const number = legacyCaseNumber(String(record.notificationNumber));
  if (!number) return { reason: `"${record.notificationNumber}" is not a case number (like 223820/14)` };
  const kind = legacyKind(record.notificationType ?? '') ?? legacyKind(record.category ?? '');
  if (!kind) {
    return { reason: `unknown notification type "${record.notificationType ?? record.category ?? ''}"` };
  }
  const acceptedAt = instant(record.createDate);
  if (!acceptedAt) return { reason: `createDate "${record.createDate}" is not a time` };
  const statuses: LegacyStatusChange[] = [];
  for (const change of record.statuses ?? []) {
    const at = instant(change.changeDate);
    if (!at) return { reason: `status change date "${change.changeDate}" is not a time` };
    statuses.push({ status: change.status, description: optionalText(change.description ?? undefined), at });
  }
  let closedAt: Date | null = null;
  // The case is done since the first of the finished statuses it ends with ("Zrealizowane" then "Zamknięte").
  for (let index = statuses.length - 1; index >= 0; index--) {
    if (!FINISHED_STATUSES.has(normalizePlaceText(statuses[index].status))) break;
    closedAt = statuses[index].at;
  }
  const notes: string[] = [];
  const { position, problem } = readLegacyPosition(
    record.xCoordWGS84 == null ? '' : String(record.xCoordWGS84),
    record.yCoordWGS84 == null ? '' : String(record.yCoordWGS84),
  );
  if (problem) notes.push(problem);
  return {
    legacyCase: {
      number,
      kind,
      acceptedAt,
      reportedAt: null,
      district: optionalText(record.district ?? undefined),
      street: optionalText(record.street ?? undefined),
      building: null,
      position,
      source: legacySource(record.source ?? ''),
      units: [],
      status: closedAt ? 'CLOSED' : 'OPEN',
      closedAt,
      eventName: optionalText(record.event ?? undefined),
      subcategoryName: optionalText(record.subcategory ?? undefined),
      statuses,
      origins: [{ file, line: recordNumber }],
    },
    notes,
  };
}

export type StoreFileReading =
  | { ok: false; reason: string }
  | {
      ok: true;
      /** Records in the file, good or bad. */
      rowsRead: number;
      cases: LegacyCase[];
      /** Records repeating a case number already read: the one with the later history wins. */
      repeatedRows: number;
      /** `line` is the record's position in the list (1 for the first). */
      problems: RowProblem[];
    };

const lastChange = (legacyCase: LegacyCase): number =>
  Math.max(
    legacyCase.acceptedAt.getTime(),
    ...(legacyCase.statuses ?? []).map((change) => change.at.getTime()),
  );

/** The cases of a JSON text of 19115store records, or why the text is not such records. */
export function readStoreRecords(jsonText: string, file: string): StoreFileReading {
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` };
  }
  const list = recordList(json);
  if (!list) {
    return {
      ok: false,
      reason:
        'not 19115store records: the JSON holds no list of notifications (an array, or {items}, {result} or {notifications})',
    };
  }
  const byNumber = new Map<string, LegacyCase>();
  const problems: RowProblem[] = [];
  let repeatedRows = 0;
  list.forEach((value, index) => {
    const reading = parseStoreRecord(value, index + 1, file);
    if ('reason' in reading) {
      problems.push({ line: index + 1, reason: reading.reason, skipped: true });
      return;
    }
    for (const note of reading.notes) problems.push({ line: index + 1, reason: note, skipped: false });
    const existing = byNumber.get(reading.legacyCase.number);
    if (existing) {
      repeatedRows++;
      if (lastChange(reading.legacyCase) <= lastChange(existing)) return;
      reading.legacyCase.origins = [...existing.origins, ...reading.legacyCase.origins];
    }
    byNumber.set(reading.legacyCase.number, reading.legacyCase);
  });
  if (list.length > 0 && byNumber.size === 0) {
    return {
      ok: false,
      reason: `not 19115store records: none of the ${list.length} records reads (${problems[0].reason})`,
    };
  }
  return { ok: true, rowsRead: list.length, cases: [...byNumber.values()], repeatedRows, problems };
}
