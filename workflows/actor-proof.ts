/**
 * The workflows' side of the API's proof of who acts: anyone who reaches Temporal's port can send
 * an update or a signal with any actor in it, so a workflow acts only on messages the API vouched
 * for. The API (which authorised the actor before it called Temporal) adds an `actorProof` to
 * every update and signal argument: an HMAC over the workflow id, the message name, the time and
 * the argument, with WORKFLOW_ACTION_KEY (`services/cases/actor-proof.ts`).
 *
 * The check runs in a local activity, not in workflow code: the sandbox has no node:crypto, and a
 * key handed to workflow code would travel in its input and so sit in the history for anyone who
 * reads it. Validators cannot run activities, so an update's validator refuses what needs no key
 * to refuse (no proof, an expired one) before anything reaches the history, and its handler has
 * the local activity check the HMAC before it changes anything; a signal with a forged proof is
 * dropped. Histories recorded before the check existed replay without it (`patched`).
 */
import { ApplicationFailure, log, patched, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

export interface ActorProof {
  /** When the API vouched (ISO 8601): an update older than UPDATE_PROOF_MAX_AGE_MS is refused. */
  issuedAt: string;
  /** base64url HMAC-SHA256 of the workflow id, message name, issuedAt and the argument without it. */
  mac: string;
}

/** A message argument as the API sends it: the fields, and the proof of who sent them. */
export type Vouched<T> = T & { actorProof?: ActorProof };

export type ActorProofVerdict = { vouched: true } | { vouched: false; reason: string };

/**
 * The API waits for an update's outcome, so one arriving later than this was not sent by it just
 * now but replayed. Signals are not aged: they may wait in the history while every worker is down.
 */
const UPDATE_PROOF_MAX_AGE_MS = 10 * 60_000;
/** Clock difference tolerated between the API's host and the Temporal server's. */
const CLOCK_SKEW_MS = 5 * 60_000;

const ACTOR_PROOF_PATCH = 'actor-proof';

const verifier = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds' },
});

/** For update validators: refuses an update that carries no proof, or one too old or from the future. */
export function refuseUnvouchedUpdate(argument: Vouched<object>): void {
  const proof = argument.actorProof;
  if (!proof || typeof proof.issuedAt !== 'string' || typeof proof.mac !== 'string') {
    throw ApplicationFailure.nonRetryable('the API did not vouch for this action', 'FORBIDDEN');
  }
  const issuedAt = Date.parse(proof.issuedAt);
  const now = Date.now();
  if (
    !Number.isFinite(issuedAt) ||
    issuedAt < now - UPDATE_PROOF_MAX_AGE_MS ||
    issuedAt > now + CLOCK_SKEW_MS
  ) {
    throw ApplicationFailure.nonRetryable('the proof of who acts has expired', 'FORBIDDEN');
  }
}

/** Whether the API vouched for a message; always so when replaying a history from before the check. */
async function vouchedByApi(message: string, argument: Vouched<object>): Promise<ActorProofVerdict> {
  if (!patched(ACTOR_PROOF_PATCH)) return { vouched: true };
  return verifier.verifyActorProof({ message, argument });
}

/** For update handlers, before they change anything: fails the update unless the API vouched for it. */
export async function refuseUnlessVouched(message: string, argument: Vouched<object>): Promise<void> {
  const verdict = await vouchedByApi(message, argument);
  if (!verdict.vouched) {
    throw ApplicationFailure.nonRetryable(
      `the API did not vouch for this action (${verdict.reason})`,
      'FORBIDDEN',
    );
  }
}

/** For signal handlers: whether to act on a signal; a forged one is logged and dropped. */
export async function acceptVouchedSignal(message: string, argument: Vouched<object>): Promise<boolean> {
  const verdict = await vouchedByApi(message, argument);
  if (!verdict.vouched)
    log.warn('dropped a signal the API did not vouch for', { message, reason: verdict.reason });
  return verdict.vouched;
}
