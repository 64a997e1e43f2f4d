import type { EntityManager } from '@mikro-orm/postgresql';
import { Case, SlaPolicy } from '../../db/entities';
import type { Priority } from '../../domain/cases/case-states';
import type { FieldProblem } from '../../domain/errors';
import { filterWhere, otherThan } from './config-records';
import { configurationService } from './config-service';
import { eventProblem } from './references';
import { conflict } from './refusals';

/**
 * SLA policies. A case's clock is computed once, from the policy in force when it starts (routing,
 * reopening); running clocks keep their deadlines when a policy changes.
 */

export interface SlaPolicyFields {
  name: string;
  /** The event this policy times; null for the default of a priority. */
  eventCode: string | null;
  /** The priority this default applies to; null for a policy of one event. */
  priority: Priority | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  calendar: 'BUSINESS' | 'ALWAYS';
  warnAtPercent: number;
  escalationPercents: number[];
  active: boolean;
}

const audited = (policy: SlaPolicy): SlaPolicyFields => ({
  name: policy.name,
  eventCode: policy.eventCode ?? null,
  priority: (policy.priority ?? null) as Priority | null,
  // Double precision columns may come back as strings from the driver.
  firstResponseMinutes: Number(policy.firstResponseMinutes),
  resolutionMinutes: Number(policy.resolutionMinutes),
  calendar: policy.calendar === 'ALWAYS' ? 'ALWAYS' : 'BUSINESS',
  warnAtPercent: policy.warnAtPercent,
  escalationPercents: policy.escalationPercents,
  active: policy.active,
});

const scopeOf = (policy: Pick<SlaPolicyFields, 'eventCode' | 'priority'>) =>
  policy.eventCode ? `event ${policy.eventCode}` : `the default of priority ${policy.priority}`;

/**
 * The clock activity takes the event's policy, else the default of the case's priority, else the
 * default of `normal`: without that last one a case could start with no clock at all.
 */
const isLastResort = (policy: Pick<SlaPolicyFields, 'eventCode' | 'priority' | 'active'>) =>
  policy.active && policy.eventCode === null && policy.priority === 'normal';

/** One active policy per scope: the clock activity picks one, and two would leave it to chance. */
async function sameScopePolicy(em: EntityManager, policy: SlaPolicyFields, exceptId?: number) {
  if (!policy.active || (policy.eventCode === null && policy.priority === null)) return null;
  const existing = await em.findOne(SlaPolicy, {
    ...(policy.eventCode !== null
      ? { eventCode: policy.eventCode }
      : { eventCode: null, priority: policy.priority }),
    active: true,
    ...otherThan(exceptId),
  });
  if (!existing) return null;
  return conflict(
    policy.eventCode !== null ? 'eventCode' : 'priority',
    `an active policy for ${scopeOf(policy)} already exists (#${existing.id} ${existing.name}): change or deactivate it`,
    { policyId: existing.id },
  );
}

/** Only a policy no case was timed by goes (409 otherwise: deactivate it instead). */
async function refuseRemoval(tx: EntityManager, policy: SlaPolicy) {
  if (isLastResort(audited(policy))) {
    throw conflict(
      'priority',
      'the default of priority normal times every case no other policy fits: it stays',
    );
  }
  const cases = await tx.count(Case, { slaPolicyId: policy.id });
  if (cases) {
    throw conflict('id', `SLA policy #${policy.id} timed ${cases} case(s): deactivate it instead`, {
      usedBy: { cases },
    });
  }
}

/** The policies' list, each policy and its changes, which apply to clocks started from then on. */
export const slaPolicies = configurationService({
  entity: SlaPolicy,
  resource: 'sla-policies',
  key: 'id',
  noun: 'SLA policy',
  audited,
  page: { defaultSort: 'id' },
  where: ({ isDefault, ...filter }) => {
    const where = filterWhere(filter, { search: ['name', 'eventCode'] });
    if (isDefault !== undefined) where.eventCode = isDefault ? null : { $ne: null };
    return where;
  },
  async problems(em, policy, previous) {
    const problems: FieldProblem[] = [];
    if ((policy.eventCode === null) === (policy.priority === null)) {
      problems.push({
        field: 'eventCode',
        message: 'a policy times either one event or, as a default, one priority: set exactly one of them',
      });
    }
    if (policy.eventCode !== null && policy.eventCode !== previous?.eventCode) {
      problems.push(...(await eventProblem(em, 'eventCode', policy.eventCode)));
    }
    if (policy.firstResponseMinutes > policy.resolutionMinutes) {
      problems.push({
        field: 'firstResponseMinutes',
        message: 'the first response cannot be due after the resolution',
      });
    }
    if (previous && isLastResort(previous) && !isLastResort(policy)) {
      problems.push({
        field: previous.active && !policy.active ? 'active' : 'priority',
        message:
          'the default of priority normal times every case no other policy fits: it stays active (change its targets instead)',
      });
    }
    return problems;
  },
  refusal: sameScopePolicy,
  check: refuseRemoval,
});
