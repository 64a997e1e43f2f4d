import type { Orm } from '../services/service-deps';
import type { RoutingDecision } from '../domain/routing/route-case';
import { routeCaseByRulesInForce } from '../services/routing/case-routing';

export function createCaseRoutingActivities({ orm }: { orm: Orm }) {
  return {
    /** Reads the rules in force now and decides the unit; pure apart from the read. */
    async routeCase(input: { eventCode: string | null; district: string | null }): Promise<RoutingDecision> {
      return routeCaseByRulesInForce(orm, input);
    },
  };
}
