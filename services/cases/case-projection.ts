import type { Orm } from '../../db/orm';
import { Case, CaseEvent } from '../../db/entities';
import type { CaseEventTypeName } from '../../domain/cases/case-events';
import { FINAL_STATUSES } from '../../domain/cases/case-states';
import type { CaseWorkflowState } from '../../workflows/case.messages';

export interface CaseEventRecord {
  /** Deterministic within the workflow, so a retried activity appends the event once. */
  key: string;
  type: CaseEventTypeName;
  actor: string;
  actorRole?: string | null;
  note?: string | null;
  isPublic: boolean;
  payload?: Record<string, unknown>;
}

export interface ProjectCaseInput {
  /** The whole state after the transition: a late write of an older version can be dropped safely. */
  state: CaseWorkflowState;
  event: CaseEventRecord;
  at: string;
}

const date = (iso: string | null | undefined): Date | null => (iso ? new Date(iso) : null);

/** Writes one transition of the workflow into the read model and the case's event log. */
export async function projectCase(orm: Orm, input: ProjectCaseInput): Promise<{ applied: boolean }> {
  const { state, event } = input;
  const at = new Date(input.at);
  return orm.em.fork().transactional(async (tx) => {
    const applied = await tx.nativeUpdate(
      Case,
      { id: state.caseId, stateVersion: { $lt: state.version } },
      {
        kind: state.kind,
        status: state.status,
        eventCode: state.eventCode,
        priority: state.priority,
        unitCode: state.unitCode,
        classificationConfidence: state.classificationConfidence,
        slaState: state.slaState,
        escalationLevel: state.escalationLevel,
        slaPolicyId: state.sla?.policyId ?? null,
        firstResponseDueAt: date(state.sla?.firstResponseDueAt),
        resolutionDueAt: date(state.sla?.resolutionDueAt),
        slaPausedAt: date(state.sla?.pausedAt),
        suggestedParentId: state.duplicateCandidateId,
        duplicateOf: state.mergedInto,
        resolvedAt: date(state.resolvedAt),
        closedAt: FINAL_STATUSES.includes(state.status) ? at : null,
        stateVersion: state.version,
        updatedAt: at,
      },
    );
    await tx
      .createQueryBuilder(CaseEvent)
      .insert({
        caseId: state.caseId,
        eventKey: event.key,
        type: event.type,
        actor: event.actor,
        actorRole: event.actorRole ?? null,
        status: state.status,
        isPublic: event.isPublic,
        note: event.note ?? null,
        payload: event.payload ?? null,
        createdAt: at,
      })
      .onConflict(['caseId', 'eventKey'])
      .ignore()
      .execute();
    return { applied: applied > 0 };
  });
}
