import { createHash } from 'node:crypto';
import type { InboundEmailOutcome, LeasedInboundEmail } from '../../services/mail-intake/inbound-email-lease';
import { fileMailCase } from '../../services/mail-intake/mail-cases';
import { attachMailPhotos } from '../../services/mail-intake/mail-photos';
import type { MailCase } from '../../services/mail-intake/mail-threading';
import type { EmailIntakeDeps } from './process-incoming-mail';
import { senderAuthentication } from './authentication-results';
import { attachmentSummary, caseDescription, contactName } from './mail-description';
import { selectPhotos } from './mail-photos';
import { guessLanguage, trimQuotedReply } from './mail-text';
import type { IncomingMail } from './parse-incoming-mail';

/** Files the mail as a new case with its photos; `related` is the case it named and could not join. */
export async function fileNewCase(
  deps: EmailIntakeDeps,
  row: LeasedInboundEmail,
  mail: IncomingMail,
  why: string | null,
  related: MailCase | null,
): Promise<InboundEmailOutcome> {
  const { photos, skipped } = await selectPhotos(mail.attachments, deps.config.photos);
  const body = trimQuotedReply(mail.text);
  const description = caseDescription(mail.subject, body, skipped);
  // The Message-ID identifies the message across deliveries; without one, the stored row does.
  const key = `email:${createHash('sha256')
    .update(mail.messageId ?? row.id)
    .digest('hex')
    .slice(0, 40)}`;
  const proven = senderAuthentication(
    mail.authenticationResults,
    mail.from.address,
    deps.config.mailIntake.trustedAuthservId,
  ).authenticated;
  const accepted = await fileMailCase(deps, {
    description,
    contact: { name: contactName(mail.from.name), email: mail.from.address },
    language: guessLanguage(`${mail.subject}\n${body}`),
    key,
    relatedCaseId: related?.id ?? null,
    senderProven: proven,
  });
  const attached = await attachMailPhotos(deps, accepted.row.id, photos);
  const notes = skipped.length + attached.refused.length;
  const what = accepted.created ? 'new case' : 'case already filed from this message:';
  return {
    status: 'PROCESSED',
    caseId: accepted.row.id,
    createdCase: true,
    reason: `${what} ${accepted.row.number}${attachmentSummary(attached.stored.length, notes)}${why ? ` (${why})` : ''}`,
  };
}
