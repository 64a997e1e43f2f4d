import type { EntityManager } from '@mikro-orm/postgresql';
import { Case, CaseEvent } from '../../db/entities';
import {
  CONTACT_CONFIRMATION_DAYS,
  confirmedAddresses,
  normalizedAddress,
  contactConfirmationToken,
  contactConfirmationUrl,
} from '../cases/contact-confirmation';
import { isFollowerTemplate } from '../mail/follower-mail';
import { caseTrackingUrl, mailLanguage, residentMail, type ResidentTemplate } from '../mail/templates';
import { PermanentFailure } from '../permanent-failure';
import { notifyFollowers } from './follower-notifications';
import {
  NOTHING_SENT,
  addResults,
  deliver,
  loadNotifiedCase,
  withhold,
  type Delivery,
  type NotificationServiceDeps,
  type NotifyResult,
} from './notification-delivery';

export interface NotifyResidentInput {
  caseId: string;
  /** Deterministic within the workflow: the same event never mails the same person twice. */
  eventKey: string;
  template: ResidentTemplate;
  note?: string | null;
  /** MERGED: the number of the case this one was merged into, when the read model does not show it yet. */
  parentNumber?: string | null;
}

/**
 * Whether this mail may go to the case's own address before it is confirmed, carrying the
 * confirmation link: the case's first mail to it, the acknowledgement, or the answer of a call or
 * chat answered on the spot, which is never acknowledged.
 */
async function asksForConfirmation(
  em: EntityManager,
  caseRow: Case,
  input: NotifyResidentInput,
): Promise<boolean> {
  if (input.template === 'ACKNOWLEDGED') return true;
  if (input.template !== 'ANSWERED') return false;
  const event = await em.findOne(CaseEvent, { caseId: caseRow.id, eventKey: input.eventKey });
  return event?.payload?.onIntake === true;
}

/**
 * Mails the resident of the case and the residents of the cases merged into it, each in the
 * language of their own case; a case with no e-mail address sends nothing to its resident.
 * An address not yet confirmed (services/cases/contact-confirmation.ts) gets the acknowledgement with
 * the confirmation link and nothing else. Residents following the case get their own short
 * mail when it reaches an outcome.
 */
export async function notifyResident(
  deps: NotificationServiceDeps,
  input: NotifyResidentInput,
): Promise<NotifyResult> {
  const { orm, config } = deps;
  const publicUrl = config.http.publicUrl;
  const caseRow = await loadNotifiedCase(orm, input.caseId);
  const em = orm.em.fork();
  const merged = await em.find(
    Case,
    { duplicateOf: caseRow.id, status: 'MERGED', contactEmail: { $ne: null } },
    { orderBy: { createdAt: 'asc' } },
  );

  let trackedId = caseRow.id;
  let trackedNumber = caseRow.number;
  let parentNumber: string | null = null;
  if (input.template === 'MERGED') {
    // The resident follows the surviving case from now on, so the link is that case's.
    const parent = caseRow.duplicateOf
      ? await em.findOne(Case, { id: caseRow.duplicateOf })
      : input.parentNumber
        ? await em.findOne(Case, { number: input.parentNumber })
        : null;
    if (!parent) {
      throw new PermanentFailure(
        `case ${caseRow.number} has no parent case to announce the merge with`,
        'CASE_NOT_FOUND',
      );
    }
    trackedId = parent.id;
    trackedNumber = parent.number;
    parentNumber = parent.number;
  }
  const trackingUrl = caseTrackingUrl({
    publicUrl,
    secret: config.secret,
    caseId: trackedId,
    caseNumber: trackedNumber,
  });

  const residents = [caseRow, ...merged].filter((row) => row.contactEmail?.trim());
  const confirmed = await confirmedAddresses(
    em,
    residents.map((row) => row.contactEmail ?? ''),
  );
  const seen = new Set<string>();
  const mailed = new Set<string>();
  const deliveries: Delivery[] = [];
  const withheld: string[] = [];
  for (const row of residents) {
    const address = row.contactEmail ?? '';
    const key = normalizedAddress(address);
    if (seen.has(key)) continue;
    seen.add(key);
    let confirmation: { url: string; validDays: number } | null = null;
    if (!confirmed.has(key)) {
      // Anyone can type anyone's address: until it is confirmed, only the case's first mail
      // goes to it, and asks for the confirmation.
      if (row !== caseRow || !(await asksForConfirmation(em, caseRow, input))) {
        withheld.push(address);
        continue;
      }
      const token = contactConfirmationToken(config.secret, {
        caseId: row.id,
        caseNumber: row.number,
        email: address,
      });
      confirmation = {
        url: contactConfirmationUrl(publicUrl, token),
        validDays: CONTACT_CONFIRMATION_DAYS,
      };
    }
    mailed.add(key);
    deliveries.push({
      to: address,
      mail: residentMail({
        template: input.template,
        language: mailLanguage(row.language),
        caseNumber: caseRow.number,
        trackingUrl,
        note: input.note,
        parentNumber,
        confirmation,
      }),
    });
  }
  const toResidents = addResults(
    deliveries.length === 0
      ? NOTHING_SENT
      : await deliver(deps, { caseRow, eventKey: input.eventKey, template: input.template, deliveries }),
    withheld.length === 0
      ? NOTHING_SENT
      : await withhold(deps, {
          caseRow,
          eventKey: input.eventKey,
          template: input.template,
          recipients: withheld,
        }),
  );
  if (!isFollowerTemplate(input.template)) return toResidents;
  const toFollowers = await notifyFollowers(deps, {
    caseRow,
    eventKey: input.eventKey,
    template: input.template,
    parentNumber,
    alreadyMailed: mailed,
  });
  return addResults(toResidents, toFollowers);
}
