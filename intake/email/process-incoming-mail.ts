import type { Client } from '@temporalio/client';
import { mailboxAddress, type Config } from '../../config/config';
import { AppError } from '../../domain/errors';
import { messageIdDomain } from '../../services/mail/message-ids';
import {
  leaseInboundEmail,
  waitingInboundEmails,
  type InboundEmailOutcome,
  type LeasedInboundEmail,
} from '../../services/mail-intake/inbound-email-lease';
import type { Orm } from '../../services/service-deps';
import { automatedMailReason } from './mail-classification';
import { fileNewCase } from './mail-new-case';
import { replyToCase } from './mail-reply';
import { threadOf } from './mail-threading';
import { MalformedMailError, parseIncomingMail, type IncomingMail } from './parse-incoming-mail';

export interface EmailIntakeDeps {
  orm: Orm;
  temporal: Client;
  config: Config;
  log: (line: string) => void;
}

/** What happened to one stored message, for the caller's log and the tests. */
export type ProcessResult =
  InboundEmailOutcome | { status: 'FAILED' | 'RETRY'; reason: string } | { status: 'BUSY' };

/**
 * Turns one stored message into what it means: nothing (a machine's mail), a resident's message
 * on the case it answers (reopening it when it was resolved), or a new case. Safe to run again on
 * the same row: the row is leased, a new case is keyed by the message, photos by their hash, the
 * case signal and the reopen by the row id.
 * Failures that may pass (Temporal or the database away) leave the row RECEIVED for the sweeper.
 */
export async function processInboundEmail(deps: EmailIntakeDeps, id: string): Promise<ProcessResult> {
  const lease = await leaseInboundEmail(deps.orm, id);
  if (!lease) return { status: 'BUSY' };
  const { row } = lease;

  try {
    const mail = await parseIncomingMail(row.raw);
    const outcome = await interpret(deps, row, mail);
    await lease.finish(outcome);
    deps.log(`mail ${row.id} from ${mail.from.address}: ${outcome.status.toLowerCase()}, ${outcome.reason}`);
    return outcome;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof MalformedMailError || error instanceof AppError) {
      // Retrying cannot change the message or the taxonomy's verdict on it: a person must look.
      await lease.fail(reason);
      deps.log(`mail ${row.id} failed for good: ${reason}`);
      return { status: 'FAILED', reason };
    }
    // Back off a little more after each attempt, up to half an hour, while Temporal or the database is away.
    const delaySeconds = Math.min(30 * 60, 15 * 2 ** Math.min(row.attempts, 7));
    await lease.postpone(`attempt ${row.attempts}: ${reason}`, delaySeconds).catch(() => undefined);
    deps.log(`mail ${row.id} will be retried in ${delaySeconds} s: ${reason}`);
    return { status: 'RETRY', reason };
  }
}

/**
 * Processes every message still RECEIVED whose lease is free: what a crash left behind, and what
 * failed for a passing reason. Returns what became of each.
 */
export async function sweepInboundEmails(deps: EmailIntakeDeps, limit = 100): Promise<ProcessResult[]> {
  const ids = await waitingInboundEmails(deps.orm, limit);
  const results: ProcessResult[] = [];
  for (const id of ids) results.push(await processInboundEmail(deps, id));
  return results;
}

async function interpret(
  deps: EmailIntakeDeps,
  row: LeasedInboundEmail,
  mail: IncomingMail,
): Promise<InboundEmailOutcome> {
  const ownDomain = messageIdDomain(deps.config.mail.from);
  const automated = automatedMailReason({
    headers: mail.headers,
    envelopeFrom: row.envelope_from,
    fromAddress: mail.from.address,
    messageId: mail.messageId,
    contentType: mail.contentType,
    ownAddresses: [mailboxAddress(deps.config.mail.from), ...deps.config.mailIntake.addresses],
    ownDomain,
  });
  if (automated) return { status: 'IGNORED', reason: automated };

  const thread = await threadOf(deps, mail, ownDomain);
  if (thread.target) return replyToCase(deps, row, mail, thread.target);
  return fileNewCase(deps, row, mail, thread.why, thread.related);
}
