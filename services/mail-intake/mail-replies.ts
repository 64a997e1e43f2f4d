import type { Client } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client';
import type { Config } from '../../config/config';
import type { Orm } from '../../db/orm';
import { ALLOWED_IN, type Actor } from '../../domain/cases/case-actions';
import { caseWorkflowId } from '../../domain/cases/case-number';
import type { CaseStatus } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import { residentMessageSignal, type ResidentMessage } from '../../workflows/case.messages';
import { withActorProof } from '../cases/actor-proof';
import { runCaseAction } from '../cases/run-case-action';

/** gRPC's NOT_FOUND: Temporal's answer to a signal for a workflow that has ended. */
const GRPC_NOT_FOUND = 5;

const RESIDENT: Actor = { id: 'resident', name: 'resident', role: 'RESIDENT', unitCode: null };

export interface MailReplyDeps {
  orm: Orm;
  temporal: Client;
  config: Config;
}

/**
 * A reply to a resolved (or answered) case says it is not done: it reopens the case, the reply as
 * the reason, exactly as the portal's reopen does; the workflow's validator decides (the window).
 * Returns null when the case was not reopenable or the workflow refused: the reply is then only a
 * message. A row processed again after a crash (the sweeper) must not reopen twice nor add the
 * text a second time as a message, though the case is no longer RESOLVED by then: the row is
 * marked with the case before the update, and a marked row asks again with the same update id,
 * which Temporal answers with the first outcome instead of running the update again.
 */
export async function reopenWithReply(
  deps: MailReplyDeps,
  row: { id: string; case_id: string | null },
  target: { id: string; status: CaseStatus },
  message: string,
): Promise<{ status: string } | null> {
  const triedBefore = row.case_id === target.id;
  if (!triedBefore && !ALLOWED_IN.reopen.includes(target.status)) return null;
  if (!triedBefore) {
    await deps.orm.em
      .fork()
      .execute('update inbound_emails set case_id = ? where id = ?', [target.id, row.id]);
  }
  try {
    return await runCaseAction(
      deps.temporal,
      target.id,
      { action: 'reopen', actor: RESIDENT, input: { note: message } },
      { updateId: `email-reopen:${row.id}` },
    );
  } catch (error) {
    // Refused (the window has passed, the case closed or moved meanwhile): the reply stays a message.
    if (error instanceof AppError) return null;
    throw error;
  }
}

/**
 * Adds a reply to its case's timeline as the resident's message. Returns false when the case's
 * workflow has ended (the case closed after it was read): the caller keeps the words another way.
 */
export async function addReplyToCase(
  deps: MailReplyDeps,
  input: { caseId: string; rowId: string; message: string },
): Promise<boolean> {
  try {
    await signalResidentMessage(
      deps.temporal,
      input.caseId,
      input.rowId,
      // The raw service call below passes no client interceptor: the proof of who acts goes in here.
      withActorProof(
        deps.config.temporal.actionKey,
        { workflowId: caseWorkflowId(input.caseId), message: residentMessageSignal.name },
        { message: input.message, at: new Date().toISOString(), messageId: `email:${input.rowId}` },
      ),
    );
    return true;
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) return false;
    throw error;
  }
}

/**
 * Signals the case with a request id derived from the stored message: Temporal drops a signal
 * whose request id it has already seen, so a reply processed twice (the process died after the
 * signal and before the row was marked) still appears once in the case's timeline. The client's
 * `handle.signal()` mints a random request id, hence the direct service call.
 */
async function signalResidentMessage(
  temporal: Client,
  caseId: string,
  requestId: string,
  message: ResidentMessage,
): Promise<void> {
  const converter = temporal.options.loadedDataConverter;
  let payloads = [converter.payloadConverter.toPayload(message)];
  for (const codec of converter.payloadCodecs) payloads = await codec.encode(payloads);
  await temporal.connection.withDeadline(Date.now() + 10_000, () =>
    temporal.workflowService.signalWorkflowExecution({
      namespace: temporal.options.namespace,
      workflowExecution: { workflowId: caseWorkflowId(caseId) },
      signalName: residentMessageSignal.name,
      input: { payloads },
      identity: temporal.options.identity,
      requestId,
    }),
  );
}
