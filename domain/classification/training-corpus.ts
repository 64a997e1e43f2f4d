/**
 * The labelled-message corpus format (JSON Lines), shared by training data and evaluation sets:
 *
 *     {"text": "...", "kind": "INCIDENT", "event": "POTHOLE", "lang": "pl", "district": "Mokotów"}
 *
 * Parsing takes a string and returns validated records, so callers decide where text comes from
 * (a bundled file, an upload, a test literal); nothing here touches the file system.
 */

import { CASE_KINDS, type CaseKind } from '../cases/case-states';

/** A message's kind is the kind of case it files. */
export const MESSAGE_KINDS = CASE_KINDS;
export type MessageKind = CaseKind;

export interface LabelledMessage {
  text: string;
  kind: MessageKind;
  /** The taxonomy event code: set for INCIDENT, null for every other kind. */
  event: string | null;
  lang: string | null;
  district: string | null;
}

export interface CorpusProblem {
  /** 1-based, as editors show it. */
  line: number;
  message: string;
}

export interface ParsedCorpus {
  records: LabelledMessage[];
  /** Lines that could not be used, in file order; valid lines are still returned. */
  problems: CorpusProblem[];
}

export interface ParseCorpusOptions {
  /** When given, an INCIDENT whose event is not in this set is a problem (a typo in a label). */
  eventCodes?: Iterable<string>;
}

export class CorpusError extends Error {
  constructor(
    readonly problems: CorpusProblem[],
    source = 'corpus',
  ) {
    const shown = problems.slice(0, 10).map((p) => `  line ${p.line}: ${p.message}`);
    const more = problems.length > 10 ? [`  ... and ${problems.length - 10} more`] : [];
    super([`${source}: ${problems.length} malformed line(s)`, ...shown, ...more].join('\n'));
    this.name = 'CorpusError';
  }
}

function isMessageKind(value: unknown): value is MessageKind {
  return typeof value === 'string' && (MESSAGE_KINDS as readonly string[]).includes(value);
}

function optionalString(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : undefined;
}

/** Validates one decoded line; returns the record or the reason it is unusable. */
function toRecord(value: unknown, eventCodes: ReadonlySet<string> | null): LabelledMessage | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const row = value as Record<string, unknown>;
  if (typeof row.text !== 'string' || row.text.trim() === '') return '"text" must be a non-empty string';
  if (!isMessageKind(row.kind)) return `"kind" must be one of ${MESSAGE_KINDS.join(', ')}`;
  let event: string | null;
  if (row.kind === 'INCIDENT') {
    if (typeof row.event !== 'string' || row.event === '') return 'an INCIDENT needs an "event" code';
    if (eventCodes && !eventCodes.has(row.event)) return `unknown event code "${row.event}"`;
    event = row.event;
  } else {
    if (row.event !== null && row.event !== undefined) return `a ${row.kind} must have "event": null`;
    event = null;
  }
  const lang = optionalString(row.lang);
  if (lang === undefined) return '"lang" must be a string or null';
  const district = optionalString(row.district);
  if (district === undefined) return '"district" must be a string or null';
  return { text: row.text, kind: row.kind, event, lang, district };
}

/** Parses JSON Lines, collecting problems instead of stopping at the first. Blank lines are skipped. */
export function parseCorpus(jsonl: string, options: ParseCorpusOptions = {}): ParsedCorpus {
  const eventCodes = options.eventCodes ? new Set(options.eventCodes) : null;
  const records: LabelledMessage[] = [];
  const problems: CorpusProblem[] = [];
  const lines = jsonl.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].replace(/\r$/, '').replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    let decoded: unknown;
    try {
      decoded = JSON.parse(line);
    } catch (error) {
      problems.push({ line: index + 1, message: `invalid JSON (${(error as Error).message})` });
      continue;
    }
    const record = toRecord(decoded, eventCodes);
    if (typeof record === 'string') problems.push({ line: index + 1, message: record });
    else records.push(record);
  }
  return { records, problems };
}

/** Like {@link parseCorpus} but all-or-nothing: any problem throws a {@link CorpusError}. */
export function parseCorpusStrict(
  jsonl: string,
  options: ParseCorpusOptions & { source?: string } = {},
): LabelledMessage[] {
  const { records, problems } = parseCorpus(jsonl, options);
  if (problems.length > 0) throw new CorpusError(problems, options.source);
  return records;
}
