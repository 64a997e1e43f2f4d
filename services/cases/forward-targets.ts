import { Case, Unit } from '../../db/entities';
import { AppError } from '../../domain/errors';
import { routeCaseByRulesInForce } from '../routing/case-routing';
import type { ServiceDeps } from '../service-deps';

/** How far back "most used" looks: long enough for seasonal work, short enough to follow changes. */
export const FORWARD_HISTORY_DAYS = 90;

export interface ForwardTarget {
  code: string;
  name: string;
  nameEn: string;
  /** Cases handed to the unit (routed or forwarded) in the last FORWARD_HISTORY_DAYS days. */
  forwards: number;
  /** Where the routing rules in force would send this case now. */
  suggested: boolean;
}

/**
 * Every active unit a case can be forwarded to, in the order a clerk looks for them: the unit the
 * routing rules suggest for the case, then the units cases went to most lately, then by code. The
 * unit holding the case is not among them (forwarding is handing it to someone else), nor is it
 * suggested when the rules would send the case where it already is.
 */
export async function forwardTargets(
  deps: Pick<ServiceDeps, 'orm'>,
  caseId: string,
): Promise<ForwardTarget[]> {
  const em = deps.orm.em.fork();
  const found = await em.findOne(Case, { id: caseId }, { fields: ['eventCode', 'district', 'unitCode'] });
  if (!found) throw new AppError('NOT_FOUND', `No case ${caseId}`);
  const [decision, units, counts] = await Promise.all([
    routeCaseByRulesInForce(deps.orm, {
      eventCode: found.eventCode ?? null,
      district: found.district ?? null,
    }),
    em.find(Unit, { active: true }),
    em.execute<{ unit_code: string; forwards: number }[]>(
      `select payload->>'unitCode' as unit_code, count(*)::int as forwards
         from case_events
        where type in ('ROUTED', 'FORWARDED') and created_at > now() - make_interval(days => ?)
        group by 1`,
      [FORWARD_HISTORY_DAYS],
    ),
  ]);
  const forwards = new Map(counts.map((row) => [row.unit_code, row.forwards]));
  const holder = found.unitCode ?? null;
  const suggested = decision.routed && decision.unitCode !== holder ? decision.unitCode : null;
  return units
    .filter((unit) => unit.code !== holder)
    .map((unit) => ({
      code: unit.code,
      name: unit.name,
      nameEn: unit.nameEn,
      forwards: forwards.get(unit.code) ?? 0,
      suggested: unit.code === suggested,
    }))
    .sort(
      (a, b) =>
        Number(b.suggested) - Number(a.suggested) || b.forwards - a.forwards || a.code.localeCompare(b.code),
    );
}
