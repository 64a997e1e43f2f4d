import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_ACTIONS } from '../../../domain/cases/case-actions';
import { runStaffCaseAction } from '../../../services/cases/staff-case-action';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { actionBodies } from './case-actions.schemas';
import { caseRecord } from './cases.schemas';

/**
 * `POST /api/cases/:id/actions/:action`: one route per action, each with its own body schema. The
 * action runs as an update of the case's workflow; the answer is the case as the back office lists it.
 */
export const caseActionRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const staff = requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF');

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
      async (request) => runStaffCaseAction(deps, request.staff!, request.params.id, action, request.body),
    );
  }
};
