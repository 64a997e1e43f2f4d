import type { Actor } from '../../domain/cases/case-actions';
import { UNIT_HANDOVER_EVENTS } from '../../domain/cases/case-events';
import type { SessionUser } from '../../domain/auth/session-user';

const HANDOVER_TYPES = UNIT_HANDOVER_EVENTS.map((type) => `'${type}'`).join(', ');

/**
 * The one place that says which cases a staff member may see. Unit staff see the cases with their
 * unit now or at any time before, whether a rule routed it there or a clerk forwarded it (a unit
 * that returned a case can still read what it did); everyone else in the back office sees all cases.
 */
export function caseVisibilitySql(user: SessionUser, alias = 'c'): { sql: string; params: unknown[] } {
  if (user.role !== 'UNIT_STAFF') return { sql: 'true', params: [] };
  return {
    sql: `(${alias}.unit_code = ? or exists (select 1 from case_events ev where ev.case_id = ${alias}.id
           and ev.type in (${HANDOVER_TYPES}) and ev.payload->>'unitCode' = ?))`,
    params: [user.unitCode, user.unitCode],
  };
}

/** The signed-in user as the workflow sees an actor: the username identifies, the role and unit decide. */
export function actorOf(user: SessionUser): Actor {
  return { id: user.username, name: user.displayName, role: user.role, unitCode: user.unitCode };
}
