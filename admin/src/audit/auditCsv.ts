import type { RaRecord } from 'react-admin';
import { toCsv, warsawDateTime } from '../../../domain/text/csv';

/** The audit list's own words for what it shows as codes: the export writes the same. */
export interface AuditLabels {
  translate: (key: string) => string;
  actor: (actor: string) => string;
  role: (role: string | null) => string;
  type: (type: string) => string;
  status: (status: string | null) => string;
}

const COLUMNS = ['id', 'createdAt', 'actor', 'actorRole', 'type', 'status', 'caseNumber', 'note'] as const;

/** The audit events as CSV in the back office's one format (domain/text/csv.ts). */
export function auditToCsv(records: RaRecord[], labels: AuditLabels): string {
  return toCsv(
    COLUMNS.map((column) => labels.translate(`resources.case-events.fields.${column}`)),
    records.map((record) => [
      record.id as number,
      warsawDateTime(record.createdAt as string),
      labels.actor(record.actor as string),
      labels.role(record.actorRole as string | null),
      labels.type(record.type as string),
      labels.status(record.status as string | null),
      record.caseNumber as string,
      record.note as string | null,
    ]),
  );
}
