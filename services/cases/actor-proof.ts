import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { ActorProof, ActorProofVerdict, Vouched } from '../../workflows/actor-proof';

/**
 * The API's proof of who acts in a workflow update or signal (the workflows' side, and why a local
 * activity checks it, is in `workflows/actor-proof.ts`). The HMAC binds the workflow id, so a
 * proof seen in one case's history does not work on another, the message name, the time, and the
 * argument as JSON (the payload converter's own form, so the worker recomputes the same bytes).
 */
function signingInput(workflowId: string, message: string, issuedAt: string, argument: object): string {
  const digest = createHash('sha256').update(JSON.stringify(argument)).digest('base64');
  return JSON.stringify(['civicflow-actor-proof-1', workflowId, message, issuedAt, digest]);
}

function macOf(key: string, input: string): Buffer {
  return createHmac('sha256', key).update(input).digest();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The argument with the API's proof that it sends it, now, to this workflow as this message. */
export function withActorProof<T extends object>(
  key: string,
  target: { workflowId: string; message: string },
  argument: Vouched<T>,
  now = new Date(),
): Vouched<T> {
  // A proof that came in with the argument is never passed on: only this one vouches.
  const { actorProof: _discarded, ...fields } = argument;
  const issuedAt = now.toISOString();
  const proof: ActorProof = {
    issuedAt,
    mac: macOf(key, signingInput(target.workflowId, target.message, issuedAt, fields)).toString('base64url'),
  };
  return { ...fields, actorProof: proof } as Vouched<T>;
}

/** Whether the API vouched for this argument of this message to this workflow (the worker's check). */
export function checkActorProof(
  key: string,
  target: { workflowId: string; message: string },
  argument: unknown,
): ActorProofVerdict {
  if (!isPlainObject(argument)) return { vouched: false, reason: 'the argument is not an object' };
  const { actorProof, ...fields } = argument as Vouched<Record<string, unknown>>;
  if (
    !isPlainObject(actorProof) ||
    typeof actorProof.issuedAt !== 'string' ||
    typeof actorProof.mac !== 'string'
  ) {
    return { vouched: false, reason: 'no proof' };
  }
  const expected = macOf(key, signingInput(target.workflowId, target.message, actorProof.issuedAt, fields));
  const given = Buffer.from(actorProof.mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { vouched: false, reason: 'the proof does not match the message' };
  }
  return { vouched: true };
}

function vouchedArgs(key: string, workflowId: string, message: string, args: unknown[]): unknown[] {
  // Every civicflow message takes one object argument; anything else goes out as it is (and unproven).
  if (args.length !== 1 || !isPlainObject(args[0])) return args;
  return [withActorProof(key, { workflowId, message }, args[0])];
}

/**
 * Vouches for every update and signal a civicflow client sends: each caller (a route, the e-mail
 * channel) has authorised its actor before it reaches Temporal, so what the client sends is what
 * the API stands behind. Calls that bypass the client's interceptors (a raw workflowService call)
 * add the proof themselves with `withActorProof`.
 */
export function actorProofInterceptor(key: string): WorkflowClientInterceptor {
  return {
    signal: (input, next) =>
      next({
        ...input,
        args: vouchedArgs(key, input.workflowExecution.workflowId, input.signalName, input.args),
      }),
    signalWithStart: (input, next) =>
      next({
        ...input,
        signalArgs: vouchedArgs(key, input.options.workflowId, input.signalName, input.signalArgs),
      }),
    startUpdate: (input, next) =>
      next({
        ...input,
        args: vouchedArgs(key, input.workflowExecution.workflowId, input.updateName, input.args),
      }),
    startUpdateWithStart: (input, next) =>
      next({
        ...input,
        updateArgs: vouchedArgs(
          key,
          input.workflowStartOptions.workflowId,
          input.updateName,
          input.updateArgs,
        ),
      }),
  };
}
