import { Case, CaseEventType, Unit } from '../../db/entities';
import type { SessionUser } from '../../domain/auth/session-user';
import { roleRefusalOf, type CaseAction } from '../../domain/cases/case-actions';
import { FINAL_STATUSES } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import type { CaseActionRequest } from '../../workflows/case.messages';
import type { Orm, ServiceDeps } from '../service-deps';
import { actorOf, caseVisibilitySql } from './case-access';
import { loadCaseRecord, type CaseRecord } from './case-records';
import { runCaseAction } from './run-case-action';

/** Checks that need the database, before the workflow is asked: 422 naming the field. */
async function checkReferences(
  orm: Orm,
  caseId: string,
  action: CaseAction,
  body: Record<string, unknown>,
): Promise<void> {
  const em = orm.em.fork();
  if (action === 'forward' && !(await em.findOne(Unit, { code: String(body.unitCode), active: true }))) {
    throw new AppError('UNPROCESSABLE', `No active unit ${String(body.unitCode)}`, {
      fields: [{ field: 'unitCode', message: 'unknown or inactive unit' }],
    });
  }
  if (
    action === 'classify' &&
    body.eventCode &&
    !(await em.findOne(CaseEventType, { code: String(body.eventCode), active: true }))
  ) {
    throw new AppError('UNPROCESSABLE', `No event ${String(body.eventCode)} in the taxonomy`, {
      fields: [{ field: 'eventCode', message: 'unknown event code' }],
    });
  }
  if (action === 'merge') {
    const parent = await em.findOne(Case, { id: String(body.parentCaseId) });
    const problem = !parent
      ? 'no such case'
      : parent.id === caseId
        ? 'a case cannot be merged into itself'
        : FINAL_STATUSES.includes(parent.status) ||
            parent.status === 'RESOLVED' ||
            parent.status === 'ANSWERED'
          ? 'the parent case is no longer open'
          : null;
    if (problem) {
      throw new AppError('UNPROCESSABLE', `Cannot merge: ${problem}`, {
        fields: [{ field: 'parentCaseId', message: problem }],
      });
    }
  }
}

/**
 * A staff member's action on a case (the body as the action's schema parsed it): the case must be
 * one the user sees, the role must allow the action, what the body names must exist; then the
 * case's workflow runs it as an update. The answer is the case as the back office lists it.
 */
export async function runStaffCaseAction(
  deps: ServiceDeps,
  user: SessionUser,
  caseId: string,
  action: CaseAction,
  body: Record<string, unknown>,
): Promise<CaseRecord> {
  const visible = caseVisibilitySql(user);
  const [found] = await deps.orm.em
    .fork()
    .execute<{ id: string; unit_code: string | null }[]>(
      `select c.id, c.unit_code from cases c where c.id = ? and ${visible.sql}`,
      [caseId, ...visible.params],
    );
  if (!found) throw new AppError('NOT_FOUND', `No case ${caseId}`);
  // Who may act comes before what the body refers to: a role without the right learns nothing more.
  const byRole = roleRefusalOf(action, actorOf(user), found.unit_code);
  if (byRole) throw new AppError('FORBIDDEN', byRole.message, { action });
  await checkReferences(deps.orm, caseId, action, body);
  const input = action === 'classify' ? { ...body, eventCode: body.eventCode ?? null } : body;
  await runCaseAction(deps.temporal, caseId, {
    action,
    actor: actorOf(user),
    input,
  } as CaseActionRequest);
  return loadCaseRecord(deps, caseId, user);
}
