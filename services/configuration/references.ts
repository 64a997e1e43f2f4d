import type { EntityManager } from '@mikro-orm/postgresql';
import { CaseEventType, District, Unit } from '../../db/entities';
import type { FieldProblem } from '../../domain/errors';
import { DISTRICT_OFFICE } from '../../domain/routing/route-case';

/**
 * Checks of what the database cannot refuse by itself: the events, districts and units a
 * configuration names exist (and a unit still takes cases). Each answers a problem naming the field.
 */

export async function eventProblem(em: EntityManager, field: string, code: string) {
  if (await em.count(CaseEventType, { code })) return [];
  return [{ field, message: `unknown event "${code}"` }];
}

export async function districtProblem(em: EntityManager, field: string, name: string) {
  if (await em.count(District, { name })) return [];
  return [{ field, message: `unknown district "${name}"` }];
}

/** Several districts at once: one problem naming every unknown one. */
export async function districtsProblem(
  em: EntityManager,
  field: string,
  names: string[],
): Promise<FieldProblem[]> {
  if (!names.length) return [];
  const known = new Set((await em.find(District, { name: { $in: names } })).map((district) => district.name));
  const unknown = names.filter((name) => !known.has(name));
  if (!unknown.length) return [];
  return [{ field, message: `unknown district ${unknown.map((name) => `"${name}"`).join(', ')}` }];
}

/** `districtOffice`: the code may also be `UD`, the district office of the case's district. */
export async function unitProblem(
  em: EntityManager,
  field: string,
  code: string,
  { districtOffice }: { districtOffice: boolean },
): Promise<FieldProblem[]> {
  if (districtOffice && code === DISTRICT_OFFICE) return [];
  const unit = await em.findOne(Unit, { code });
  if (!unit) {
    const office = districtOffice ? ` (or ${DISTRICT_OFFICE} for the district office)` : '';
    return [{ field, message: `unknown unit "${code}"${office}` }];
  }
  if (!unit.active) return [{ field, message: `unit "${code}" is not active` }];
  return [];
}
