import type { Config } from '../../config/config';
import type { SessionUser } from '../../domain/auth/session-user';
import { availableActions } from '../../domain/cases/case-actions';
import type { CaseKind, CaseStatus, Channel, Priority, SlaState } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import type { ServiceDeps } from '../service-deps';
import { actorOf, caseVisibilitySql } from './case-access';

export interface CaseRow {
  id: string;
  number: string;
  kind: CaseKind;
  status: CaseStatus;
  event_code: string | null;
  unit_code: string | null;
  district: string | null;
  channel: Channel;
  priority: Priority;
  language: string;
  description: string;
  lat: number | string | null;
  lon: number | string | null;
  street: string | null;
  building: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  sla_state: SlaState | null;
  escalation_level: number;
  first_response_due_at: Date | string | null;
  resolution_due_at: Date | string | null;
  duplicate_of: string | null;
  suggested_parent_id: string | null;
  related_case_id: string | null;
  classification_confidence: number | string | null;
  resolved_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** A case as the back office lists and shows it. */
export function toCaseRecord(row: CaseRow, user: SessionUser, config: Config) {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status: row.status,
    eventCode: row.event_code,
    unitCode: row.unit_code,
    district: row.district,
    channel: row.channel,
    priority: row.priority,
    language: row.language,
    description: row.description,
    location: {
      lat: row.lat === null ? null : Number(row.lat),
      lon: row.lon === null ? null : Number(row.lon),
      street: row.street,
      building: row.building,
    },
    contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    slaState: row.sla_state,
    escalationLevel: row.escalation_level,
    firstResponseDueAt: iso(row.first_response_due_at),
    resolutionDueAt: iso(row.resolution_due_at),
    duplicateOf: row.duplicate_of,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    suggestedParentId: row.suggested_parent_id,
    relatedCaseId: row.related_case_id,
    classificationConfidence:
      row.classification_confidence === null ? null : Number(row.classification_confidence),
    resolvedAt: iso(row.resolved_at),
    availableActions: availableActions(
      actorOf(user),
      {
        status: row.status,
        kind: row.kind,
        unitCode: row.unit_code,
        closedForReopenAt: iso(row.resolved_at),
      },
      { now: new Date(), reopenWindowMinutes: config.cases.reopenWindowMinutes },
    ),
  };
}

export type CaseRecord = ReturnType<typeof toCaseRecord>;

/** Raw queries return timestamps as PostgreSQL text, not Date: normalise to ISO 8601. */
export const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** One case as the back office shows it, if the user may see it. */
export async function loadCaseRecord(
  deps: Pick<ServiceDeps, 'orm' | 'config'>,
  id: string,
  user: SessionUser,
): Promise<CaseRecord> {
  const visible = caseVisibilitySql(user);
  const [row] = await deps.orm.em
    .fork()
    .execute<CaseRow[]>(`select c.* from cases c where c.id = ? and ${visible.sql}`, [id, ...visible.params]);
  if (!row) throw new AppError('NOT_FOUND', `No case ${id}`);
  return toCaseRecord(row, user, deps.config);
}
