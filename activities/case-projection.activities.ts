import type { Orm } from '../services/service-deps';
import { projectCase, type ProjectCaseInput } from '../services/cases/case-projection';

export type { CaseEventRecord, ProjectCaseInput } from '../services/cases/case-projection';

export function createCaseProjectionActivities({ orm }: { orm: Orm }) {
  return {
    /**
     * Writes one transition of the workflow into the read model and the case's event log. Safe to
     * run again: an older version than the row's is dropped and the event key is appended once.
     */
    async projectCase(input: ProjectCaseInput): Promise<{ applied: boolean }> {
      return projectCase(orm, input);
    },
  };
}
