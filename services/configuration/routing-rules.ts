import type { EntityManager } from '@mikro-orm/postgresql';
import { RoutingRule, Unit } from '../../db/entities';
import type { FieldProblem } from '../../domain/errors';
import { routeCase } from '../../domain/routing/route-case';
import { fork, otherThan, type ConfigDeps } from './config-records';
import { configurationService } from './config-service';
import { districtProblem, eventProblem, unitProblem } from './references';
import { conflict } from './refusals';

/**
 * Routing rules: which unit gets a new case of an event in a district. The routing activity reads
 * them at every routing, so a change applies to the next case routed, with no restart.
 */

export interface RoutingRuleFields {
  /** null: any event. */
  eventCode: string | null;
  /** null: any district. */
  district: string | null;
  /** A unit code, or `UD` for the district office of the case's district. */
  unitCode: string;
  active: boolean;
}

const audited = (rule: RoutingRule): RoutingRuleFields => ({
  eventCode: rule.eventCode ?? null,
  district: rule.district ?? null,
  unitCode: rule.unitCode,
  active: rule.active,
});

const scopeOf = (rule: Pick<RoutingRuleFields, 'eventCode' | 'district'>) =>
  `event ${rule.eventCode ?? 'any'}, district ${rule.district ?? 'any'}`;

const duplicateMessage = (rule: RoutingRuleFields, existing?: RoutingRule | null) =>
  `an active rule for ${scopeOf(rule)} already exists${existing ? ` (#${existing.id})` : ''}: change or deactivate it`;

/** One active rule per event and district: with two, which one routes would be left to chance. */
async function sameScopeRule(em: EntityManager, rule: RoutingRuleFields, exceptId?: number) {
  if (!rule.active) return null;
  const existing = await em.findOne(RoutingRule, {
    eventCode: rule.eventCode,
    district: rule.district,
    active: true,
    ...otherThan(exceptId),
  });
  return existing && conflict('eventCode', duplicateMessage(rule, existing), { ruleId: existing.id });
}

/** The rules' list, each rule and its changes; a change applies to the next case routed. */
export const routingRules = configurationService({
  entity: RoutingRule,
  resource: 'routing-rules',
  key: 'id',
  noun: 'routing rule',
  audited,
  present: (rule) => ({ id: rule.id, ...audited(rule), createdAt: rule.createdAt.toISOString() }),
  page: { defaultSort: 'id' },
  /**
   * Checks what the database cannot: the event, district and unit exist, and the rule names at least
   * an event or a district (routing ignores a rule that matches everything). Unchanged values of an
   * existing rule are not checked again, so a rule whose unit was switched off can still be edited.
   */
  async problems(em, rule, previous) {
    const problems: FieldProblem[] = [];
    if (rule.eventCode === null && rule.district === null) {
      problems.push({ field: 'eventCode', message: 'a rule names an event, a district or both' });
    }
    if (rule.eventCode !== null && rule.eventCode !== previous?.eventCode) {
      problems.push(...(await eventProblem(em, 'eventCode', rule.eventCode)));
    }
    if (rule.district !== null && rule.district !== previous?.district) {
      problems.push(...(await districtProblem(em, 'district', rule.district)));
    }
    if (rule.unitCode !== previous?.unitCode) {
      problems.push(...(await unitProblem(em, 'unitCode', rule.unitCode, { districtOffice: true })));
    }
    return problems;
  },
  refusal: sameScopeRule,
  refusals: (rule) => ({ unique: { field: 'eventCode', message: duplicateMessage(rule) } }),
});

/** Which unit a new case of this event and district would go to now, and by which rule. */
export async function previewRouting({ orm }: ConfigDeps, query: { eventCode?: string; district?: string }) {
  const em = fork(orm);
  const [active, units] = await Promise.all([
    em.find(RoutingRule, { active: true }, { orderBy: { id: 'asc' } }),
    em.find(Unit, {}),
  ]);
  const inputs = active.map((rule) => ({ id: rule.id, ...audited(rule) }));
  const decision = routeCase(
    { eventCode: query.eventCode || null, district: query.district || null },
    inputs,
    units.map((unit) => ({ code: unit.code, district: unit.district ?? null, active: unit.active })),
  );
  if (!decision.routed) return { routed: false, unitCode: null, ruleId: null, reason: decision.reason };
  const rule = inputs.find((input) => input === decision.rule);
  return { routed: true, unitCode: decision.unitCode, ruleId: rule?.id ?? null, reason: null };
}
