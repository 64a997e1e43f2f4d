/**
 * Routing: which unit handles a case. Rules match by event and district; the most specific
 * active rule wins (event + district, then event alone, then district alone). A rule may name
 * `UD`, meaning the district office of the case's district.
 */
export const DISTRICT_OFFICE = 'UD';

export interface RoutingRuleInput {
  eventCode: string | null;
  district: string | null;
  unitCode: string;
}

export interface UnitInput {
  code: string;
  district: string | null;
  active: boolean;
}

export type RoutingDecision =
  { routed: true; unitCode: string; rule: RoutingRuleInput } | { routed: false; reason: string };

function specificity(rule: RoutingRuleInput): number {
  return (rule.eventCode ? 2 : 0) + (rule.district ? 1 : 0);
}

export function routeCase(
  target: { eventCode: string | null; district: string | null },
  rules: RoutingRuleInput[],
  units: UnitInput[],
): RoutingDecision {
  const candidates = rules
    .filter(
      (rule) =>
        (rule.eventCode === null || rule.eventCode === target.eventCode) &&
        (rule.district === null || rule.district === target.district) &&
        (rule.eventCode !== null || rule.district !== null),
    )
    .sort((a, b) => specificity(b) - specificity(a));
  if (!target.eventCode && candidates.every((rule) => rule.eventCode !== null)) {
    return { routed: false, reason: 'the case has no event yet' };
  }
  for (const rule of candidates) {
    const unitCode = resolveUnit(rule.unitCode, target.district, units);
    if (unitCode) return { routed: true, unitCode, rule };
  }
  if (candidates.some((rule) => rule.unitCode === DISTRICT_OFFICE) && !target.district) {
    return { routed: false, reason: 'the district office handles this event, but the case has no district' };
  }
  return { routed: false, reason: 'no routing rule matches the event and district' };
}

function resolveUnit(unitCode: string, district: string | null, units: UnitInput[]): string | null {
  if (unitCode === DISTRICT_OFFICE) {
    if (!district) return null;
    return units.find((unit) => unit.active && unit.district === district)?.code ?? null;
  }
  return units.find((unit) => unit.active && unit.code === unitCode)?.code ?? null;
}
