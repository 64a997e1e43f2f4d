import type { Orm } from '../db/orm';
import { createCaseProjectionActivities } from './case-projection.activities';
import { createCaseRoutingActivities } from './case-routing.activities';

export interface ActivityDeps {
  orm: Orm;
}

/** Every activity the worker registers, built over its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseProjectionActivities(deps),
    ...createCaseRoutingActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
