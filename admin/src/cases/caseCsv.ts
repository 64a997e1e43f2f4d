import { toCsv, warsawDateTime } from '../../../domain/text/csv';

export interface ExportedCase {
  id: string;
  number: string;
  kind: string;
  status: string;
  eventCode: string | null;
  unitCode: string | null;
  district: string | null;
  channel: string;
  createdAt: string;
  resolutionDueAt: string | null;
  slaState: string | null;
  escalationLevel: number;
}

/**
 * The columns of the CSV: what a list shows, never the resident's contact details or the
 * description (the export leaves the system; personal data stays in it).
 */
const COLUMNS = [
  'number',
  'kind',
  'status',
  'eventCode',
  'unitCode',
  'district',
  'channel',
  'createdAt',
  'resolutionDueAt',
  'slaState',
  'escalationLevel',
] as const;

/** What the export writes instead of codes: the screens' own names. */
export interface CaseExportNames {
  translate: (key: string) => string;
  eventName: (code: string) => string;
  unitName: (code: string) => string;
}

/** The cases as CSV in the back office's one format (domain/text/csv.ts), names as the list shows them. */
export function casesToCsv(cases: ExportedCase[], names: CaseExportNames): string {
  const { translate } = names;
  return toCsv(
    COLUMNS.map((column) => translate(`resources.cases.fields.${column}`)),
    cases.map((c) => [
      c.number,
      translate(`civicflow.kind.${c.kind}`),
      translate(`civicflow.status.${c.status}`),
      c.eventCode ? names.eventName(c.eventCode) : null,
      c.unitCode ? names.unitName(c.unitCode) : null,
      c.district,
      translate(`civicflow.channel.${c.channel}`),
      warsawDateTime(c.createdAt),
      warsawDateTime(c.resolutionDueAt),
      c.slaState ? translate(`civicflow.case.sla_state.${c.slaState}`) : null,
      c.escalationLevel,
    ]),
  );
}
