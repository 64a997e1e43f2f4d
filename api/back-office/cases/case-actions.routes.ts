import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Case, CaseEventType, Unit } from '../../../db/entities';
import { CASE_ACTIONS, roleRefusalOf, type CaseAction } from '../../../domain/cases/case-actions';
import { FINAL_STATUSES } from '../../../domain/cases/case-states';
import { AppError } from '../../../domain/errors';
import { runCaseAction } from '../../../intake/run-case-action';
import type { CaseActionRequest } from '../../../workflows/case.messages';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { actorOf, caseVisibilitySql } from './case-access';
import { actionBodies } from './case-actions.schemas';
import { loadCaseRecord } from './case-record';
import { caseRecord } from './cases.schemas';

/**
 * `POST /api/cases/:id/actions/:action`: one route per action, each with its own body schema. The
 * action runs as an update of the case's workflow; the answer is the case as the back office lists it.
 */
export const caseActionRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const staff = requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF');

  /** Checks that need the database, before the workflow is asked: 422 naming the field. */
  async function checkReferences(
    caseId: string,
    action: CaseAction,
    body: Record<string, unknown>,
  ): Promise<void> {
    const em = deps.orm.em.fork();
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

  for (const action of CASE_ACTIONS) {
    app.post(
      `/cases/:id/actions/${action}`,
      {
        preHandler: staff,
        config: { validationStatus: 422 },
        schema: {
          tags: ['back office'],
          summary: `Case action: ${action}`,
          security: [{ bearerAuth: [] }],
          params: z.object({ id: z.uuid() }),
          body: actionBodies[action],
          response: { 200: caseRecord },
        },
      },
      async (request) => {
        const user = request.staff!;
        const visible = caseVisibilitySql(user);
        const [found] = await deps.orm.em
          .fork()
          .execute<{ id: string; unit_code: string | null }[]>(
            `select c.id, c.unit_code from cases c where c.id = ? and ${visible.sql}`,
            [request.params.id, ...visible.params],
          );
        if (!found) throw new AppError('NOT_FOUND', `No case ${request.params.id}`);
        // Who may act comes before what the body refers to: a role without the right learns nothing more.
        const byRole = roleRefusalOf(action, actorOf(user), found.unit_code);
        if (byRole) throw new AppError('FORBIDDEN', byRole.message, { action });
        const body: Record<string, unknown> = request.body;
        await checkReferences(request.params.id, action, body);
        const input = action === 'classify' ? { ...body, eventCode: body.eventCode ?? null } : body;
        await runCaseAction(deps.temporal, request.params.id, {
          action,
          actor: actorOf(user),
          input,
        } as CaseActionRequest);
        return loadCaseRecord(deps, request.params.id, user);
      },
    );
  }
};
