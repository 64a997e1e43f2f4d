import type { Orm } from '../../services/service-deps';
import { findDuplicateCandidate, type DuplicateSearch } from '../../services/cases/duplicates';

export type { DuplicateSearch } from '../../services/cases/duplicates';

export function createCaseDuplicatesActivities({ orm }: { orm: Orm }) {
  return {
    /**
     * The nearest open case of the same event within the radius and time window, proposed to a
     * clerk as the parent; nothing is merged without the clerk. Distances are great-circle metres.
     */
    async findDuplicateCandidate(
      input: DuplicateSearch,
    ): Promise<{ caseId: string; number: string; meters: number } | null> {
      return findDuplicateCandidate(orm, input);
    },
  };
}
