import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { caseWorkflowId } from '../../domain/cases/case-number';
import { AppError } from '../../domain/errors';
import {
  caseActionUpdate,
  type CaseActionRequest,
  type CaseWorkflowState,
} from '../../workflows/case.messages';

/**
 * Runs an action on a case's workflow and maps refusals to the one error type: a transition the
 * state does not allow is a 409, an action outside the actor's rights a 403, a finished case a 409.
 */
export async function runCaseAction(
  temporal: Client,
  caseId: string,
  request: CaseActionRequest,
  options: {
    /**
     * Temporal runs an update once per id in a workflow run and answers a repeat with the first
     * outcome: a caller that may retry after a crash (the e-mail intake) passes an id of its own.
     */
    updateId?: string;
  } = {},
): Promise<CaseWorkflowState> {
  try {
    return await temporal.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(caseActionUpdate, {
      args: [request],
      ...(options.updateId ? { updateId: options.updateId } : {}),
    });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const code = error.cause.type === 'FORBIDDEN' ? 'FORBIDDEN' : 'INVALID_TRANSITION';
      throw new AppError(code, error.cause.message, { action: request.action });
    }
    if (error instanceof WorkflowNotFoundError) {
      throw new AppError('INVALID_TRANSITION', 'The case is finished and takes no more actions', {
        action: request.action,
      });
    }
    throw error;
  }
}
