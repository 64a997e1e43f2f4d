import type { Orm } from '../db/orm';
import { Case, CaseEvent } from '../db/entities';
import type { CaseStatus } from '../domain/cases/case-states';

export interface CaseEventRecord {
  /** Deterministic within the workflow, so a retried activity appends the event once. */
  key: string;
  type: string;
  actor: string;
  actorRole?: string | null;
  note?: string | null;
  isPublic: boolean;
  payload?: Record<string, unknown>;
}

export interface ProjectCaseInput {
  caseId: string;
  /** The workflow's state version after this transition; older versions never overwrite newer. */
  version: number;
  changes: {
    status?: CaseStatus;
    unitCode?: string | null;
    eventCode?: string | null;
  };
  event: CaseEventRecord;
  at: string;
}

export function createCaseProjectionActivities({ orm }: { orm: Orm }) {
  return {
    /** Writes one transition of the workflow into the read model and the case's event log. */
    async projectCase(input: ProjectCaseInput): Promise<{ applied: boolean }> {
      const em = orm.em.fork();
      return em.transactional(async (tx) => {
        const at = new Date(input.at);
        const applied = await tx.nativeUpdate(
          Case,
          { id: input.caseId, stateVersion: { $lt: input.version } },
          { ...input.changes, stateVersion: input.version, updatedAt: at },
        );
        await tx
          .createQueryBuilder(CaseEvent)
          .insert({
            caseId: input.caseId,
            eventKey: input.event.key,
            type: input.event.type,
            actor: input.event.actor,
            actorRole: input.event.actorRole ?? null,
            status: input.changes.status ?? null,
            isPublic: input.event.isPublic,
            note: input.event.note ?? null,
            payload: input.event.payload ?? null,
            createdAt: at,
          })
          .onConflict(['caseId', 'eventKey'])
          .ignore()
          .execute();
        return { applied: applied > 0 };
      });
    },
  };
}
