import { Context } from '@temporalio/activity';
import { checkActorProof } from '../services/cases/actor-proof';
import type { ActorProofVerdict } from '../workflows/actor-proof';

/**
 * The worker's check of the API's proof of who acts (run as a local activity: the workflow sandbox
 * has no node:crypto, and the key must not travel through the history). The workflow id comes
 * from Temporal, not from the message, so a proof made for another case fails here.
 */
export function createActorProofActivities({ actionKey }: { actionKey: string }) {
  return {
    async verifyActorProof(input: { message: string; argument: unknown }): Promise<ActorProofVerdict> {
      const workflowId = Context.current().info.workflowExecution?.workflowId;
      if (!workflowId) return { vouched: false, reason: 'not run by a workflow' };
      return checkActorProof(actionKey, { workflowId, message: input.message }, input.argument);
    },
  };
}
