import { Case } from '../../db/entities';
import type { Orm } from '../../db/orm';
import type { Config } from '../../config/config';
import { normalizedAddress } from '../cases/contact-confirmation';
import { MailRejectedError, type MailMessage, type Mailer } from '../mail/mailer';
import { notificationMessageId } from '../mail/message-ids';
import type { RenderedMail } from '../mail/mail-render';
import { PermanentFailure } from '../permanent-failure';

export interface NotifyResult {
  sent: number;
  /**
   * Already sent by an earlier attempt of the same event, or withheld for good: a resident address
   * not yet confirmed gets only the case's first mail (recorded SKIPPED, never retried).
   */
  skipped: number;
  /** Refused for good by the mail server (a 5xx for that address); recorded FAILED, not retried. */
  failed: number;
}

export interface NotificationLogger {
  warn(message: string, meta?: Record<string, unknown>): void;
}

export interface NotificationServiceDeps {
  orm: Orm;
  mailer: Mailer;
  config: Config;
  logger: NotificationLogger;
}

export interface Delivery {
  to: string;
  mail: RenderedMail;
  headers?: Record<string, string>;
}

export const NOTHING_SENT: NotifyResult = { sent: 0, skipped: 0, failed: 0 };

export function addResults(a: NotifyResult, b: NotifyResult): NotifyResult {
  return { sent: a.sent + b.sent, skipped: a.skipped + b.skipped, failed: a.failed + b.failed };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The server answered (a 4xx): the connection works, so the other recipients are still worth trying. */
function serverAnswered(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { responseCode?: unknown }).responseCode === 'number'
  );
}

/** The case a notification is about; one that does not exist fails for good (CASE_NOT_FOUND). */
export async function loadNotifiedCase(orm: Orm, caseId: string): Promise<Case> {
  const row = await orm.em.fork().findOne(Case, { id: caseId });
  if (!row) throw new PermanentFailure(`case ${caseId} does not exist`, 'CASE_NOT_FOUND');
  return row;
}

/**
 * Sends each delivery once per (case, event, recipient). The row is claimed before the SMTP
 * exchange, so a crash leaves SENDING and the retry sends again with the same Message-ID.
 */
export async function deliver(
  { orm, mailer, logger }: NotificationServiceDeps,
  input: { caseRow: Case; eventKey: string; template: string; deliveries: Delivery[] },
): Promise<NotifyResult> {
  const { caseRow, eventKey, template } = input;
  const result: NotifyResult = { sent: 0, skipped: 0, failed: 0 };
  const retryable: { to: string; error: unknown }[] = [];
  const em = orm.em.fork();

  for (const delivery of input.deliveries) {
    // Recipients are compared and stored lower-cased, so `Anna@X.pl` and `anna@x.pl` get one mail.
    const recipient = normalizedAddress(delivery.to);
    const messageId = notificationMessageId({ caseId: caseRow.id, eventKey, recipient, from: mailer.from });
    // A row already SENT is left alone and returns nothing: that is the idempotency check.
    const claimed = await em.execute<{ id: string }[]>(
      `insert into "notifications" ("case_id", "event_key", "recipient", "template", "status", "message_id")
       values (?, ?, ?, ?, 'SENDING', ?)
       on conflict ("case_id", "event_key", "recipient") do update
         set "status" = 'SENDING', "template" = excluded."template", "message_id" = excluded."message_id"
         where "notifications"."status" <> 'SENT'
       returning "id"`,
      [caseRow.id, eventKey, recipient, template, messageId],
    );
    if (claimed.length === 0) {
      result.skipped += 1;
      continue;
    }
    const id = claimed[0].id;

    const message: MailMessage = {
      to: delivery.to.trim(),
      subject: delivery.mail.subject,
      text: delivery.mail.text,
      html: delivery.mail.html,
      messageId,
      headers: {
        // Vacation responders and ticket systems must not answer a machine, or mail loops start.
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
        'X-Civicflow-Case': caseRow.number,
        ...delivery.headers,
      },
    };
    try {
      await mailer.send(message);
      await em.execute(
        `update "notifications" set "status" = 'SENT', "sent_at" = now(), "error" = null where "id" = ?`,
        [id],
      );
      result.sent += 1;
    } catch (error) {
      await em.execute(`update "notifications" set "status" = 'FAILED', "error" = ? where "id" = ?`, [
        errorText(error),
        id,
      ]);
      if (error instanceof MailRejectedError) {
        // One bad address must not hold the case's other mails (or its workflow) hostage.
        logger.warn('notification refused by the mail server', {
          caseId: caseRow.id,
          eventKey,
          template,
          recipient,
          responseCode: error.responseCode,
          response: error.response,
        });
        result.failed += 1;
        continue;
      }
      retryable.push({ to: recipient, error });
      if (!serverAnswered(error)) break;
    }
  }

  if (retryable.length > 0) {
    // Thrown so Temporal retries the activity; rows already SENT are skipped on the next attempt.
    throw new Error(
      `could not send ${template} for case ${caseRow.number} (${eventKey}): ${retryable
        .map((r) => `${r.to}: ${errorText(r.error)}`)
        .join('; ')}`,
      { cause: retryable[0].error },
    );
  }
  return result;
}

/**
 * Mails withheld from resident addresses not yet confirmed: recorded SKIPPED (unless an earlier
 * attempt already sent it), so operators can tell them from failures, and not thrown, as no
 * retry can change the answer.
 */
export async function withhold(
  { orm, mailer }: NotificationServiceDeps,
  input: { caseRow: Case; eventKey: string; template: string; recipients: string[] },
): Promise<NotifyResult> {
  const { caseRow, eventKey, template } = input;
  const em = orm.em.fork();
  for (const to of input.recipients) {
    const recipient = normalizedAddress(to);
    await em.execute(
      `insert into "notifications" ("case_id", "event_key", "recipient", "template", "status", "message_id", "error")
       values (?, ?, ?, ?, 'SKIPPED', ?, ?)
       on conflict ("case_id", "event_key", "recipient") do update
         set "status" = 'SKIPPED', "template" = excluded."template", "error" = excluded."error"
         where "notifications"."status" <> 'SENT'`,
      [
        caseRow.id,
        eventKey,
        recipient,
        template,
        notificationMessageId({ caseId: caseRow.id, eventKey, recipient, from: mailer.from }),
        'address not confirmed by the resident',
      ],
    );
  }
  return { sent: 0, skipped: input.recipients.length, failed: 0 };
}
