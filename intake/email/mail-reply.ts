import type { InboundEmailOutcome, LeasedInboundEmail } from '../../services/mail-intake/inbound-email-lease';
import { addReplyToCase, reopenWithReply } from '../../services/mail-intake/mail-replies';
import { attachMailPhotos } from '../../services/mail-intake/mail-photos';
import type { MailCase } from '../../services/mail-intake/mail-threading';
import type { EmailIntakeDeps } from './process-incoming-mail';
import { attachmentSummary, cleanText, clip, MAX_DESCRIPTION_CHARS } from './mail-description';
import { fileNewCase } from './mail-new-case';
import { selectPhotos } from './mail-photos';
import { trimQuotedReply } from './mail-text';
import type { IncomingMail } from './parse-incoming-mail';

/**
 * A resident's reply on their own case: its photos are attached, then it reopens the case when the
 * case was resolved, or else is added to the case as the resident's message.
 */
export async function replyToCase(
  deps: EmailIntakeDeps,
  row: LeasedInboundEmail,
  mail: IncomingMail,
  target: MailCase,
): Promise<InboundEmailOutcome> {
  const { photos, skipped } = await selectPhotos(mail.attachments, deps.config.photos);
  const attached = await attachMailPhotos(deps, target.id, photos);
  const notes = [...skipped, ...attached.refused];
  const body = trimQuotedReply(mail.text);
  const lines = [
    body,
    attached.stored.length ? `Załączone zdjęcia: ${attached.stored.join(', ')}` : '',
    notes.length ? `Pominięte załączniki: ${notes.map((n) => `${n.fileName} (${n.reason})`).join('; ')}` : '',
  ].filter(Boolean);
  const message = clip(cleanText(lines.join('\n\n')) || '(odpowiedź bez treści)', MAX_DESCRIPTION_CHARS);
  const reopened = await reopenWithReply(deps, row, target, message);
  if (reopened) {
    return {
      status: 'PROCESSED',
      caseId: target.id,
      createdCase: false,
      reason: `reply reopened case ${target.number} (now ${reopened.status.toLowerCase()})${attachmentSummary(attached.stored.length, notes.length)}`,
    };
  }
  const added = await addReplyToCase(deps, { caseId: target.id, rowId: row.id, message });
  if (!added) {
    // The workflow ended after the case was read (closed a moment ago): keep the resident's words.
    return fileNewCase(deps, row, mail, `case ${target.number} closed before the reply reached it`, target);
  }
  return {
    status: 'PROCESSED',
    caseId: target.id,
    createdCase: false,
    reason: `reply added to case ${target.number}${attachmentSummary(attached.stored.length, notes.length)}`,
  };
}
