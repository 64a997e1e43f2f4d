import type { Orm } from '../../db/orm';
import { RoutingRule, Unit } from '../../db/entities';
import { routeCase, type RoutingDecision } from '../../domain/routing/route-case';

/** Reads the rules in force now and decides the unit; pure apart from the read. */
export async function routeCaseByRulesInForce(
  orm: Orm,
  input: { eventCode: string | null; district: string | null },
): Promise<RoutingDecision> {
  const em = orm.em.fork();
  const [rules, units] = await Promise.all([em.find(RoutingRule, { active: true }), em.find(Unit, {})]);
  return routeCase(
    input,
    rules.map((rule) => ({
      eventCode: rule.eventCode ?? null,
      district: rule.district ?? null,
      unitCode: rule.unitCode,
    })),
    units.map((unit) => ({ code: unit.code, district: unit.district ?? null, active: unit.active })),
  );
}
