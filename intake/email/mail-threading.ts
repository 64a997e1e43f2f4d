import { FINAL_STATUSES } from '../../domain/cases/case-states';
import { findCaseNamedByMail, type MailCase } from '../../services/mail-intake/mail-threading';
import type { EmailIntakeDeps } from './process-incoming-mail';
import { senderAuthentication } from './authentication-results';
import { caseIdFromOurMessageIds, caseNumberFromSubject } from './mail-classification';
import type { IncomingMail } from './parse-incoming-mail';

export interface Thread {
  /** The case the mail is added to. */
  target: MailCase | null;
  /** The case the mail names but is not added to: the new case points at it for a clerk. */
  related: MailCase | null;
  why: string | null;
}

/**
 * The case a reply belongs to: named by our own Message-ID in its In-Reply-To/References, or by
 * the `[#000123/26]` tag in its subject. It is threaded only when it comes from the case's own
 * contact address and the trusted relay vouches for that address (DMARC, or SPF and DKIM): anyone
 * can type a case number into a subject or forge a From line, and a stranger's mail must not land
 * in (or reopen) someone else's case. Such a mail, or a reply to a finished case, is filed as a
 * new case linked to the one it names, which a clerk can merge.
 */
export async function threadOf(
  deps: EmailIntakeDeps,
  mail: IncomingMail,
  ownDomain: string,
): Promise<Thread> {
  const caseId = caseIdFromOurMessageIds(mail.replyTo, ownDomain);
  const number = caseNumberFromSubject(mail.subject);
  const found = await findCaseNamedByMail(deps.orm, { caseId, number });
  if (!found)
    return {
      target: null,
      related: null,
      why: number ? `case ${number} named in the subject does not exist` : null,
    };
  const linked = (why: string): Thread => ({ target: null, related: found, why });
  if (found.contactEmail?.trim().toLowerCase() !== mail.from.address) {
    return linked(`refers to case ${found.number} but is not from its contact address`);
  }
  const sender = senderAuthentication(
    mail.authenticationResults,
    mail.from.address,
    deps.config.mailIntake.trustedAuthservId,
  );
  if (!sender.authenticated) {
    return linked(`refers to case ${found.number} but its sender is not authenticated: ${sender.detail}`);
  }
  if (FINAL_STATUSES.includes(found.status)) {
    return linked(`refers to case ${found.number}, which is ${found.status.toLowerCase()}`);
  }
  if (!found.workflowStartedAt) {
    // The reconciler starts it shortly; until then there is no one to tell, so try again later.
    throw new Error(`the workflow of case ${found.number} has not started yet`);
  }
  return { target: found, related: null, why: null };
}
