import { CaseEventType, CaseFollower, type Case } from '../../db/entities';
import { normalizedAddress } from '../cases/contact-confirmation';
import { publicStreet } from '../../domain/cases/public-view';
import { followerMail, unsubscribeUrl, type FollowerTemplate } from '../mail/follower-mail';
import { mailLanguage } from '../mail/templates';
import {
  NOTHING_SENT,
  deliver,
  type Delivery,
  type NotificationServiceDeps,
  type NotifyResult,
} from './notification-delivery';

/**
 * Residents following the case (and having confirmed it) hear of its outcome in a mail of their
 * own: only what the public map shows, and a link to stop. An address that gets the reporter's
 * mail gets no second one.
 */
export async function notifyFollowers(
  deps: NotificationServiceDeps,
  input: {
    caseRow: Case;
    eventKey: string;
    template: FollowerTemplate;
    parentNumber: string | null;
    alreadyMailed: ReadonlySet<string>;
  },
): Promise<NotifyResult> {
  const { caseRow } = input;
  const publicUrl = deps.config.http.publicUrl;
  const em = deps.orm.em.fork();
  // Only addresses whose owner confirmed they want the mail: anyone can type anyone's address.
  const followers = await em.find(
    CaseFollower,
    { caseId: caseRow.id, confirmedAt: { $ne: null } },
    { orderBy: { id: 'asc' } },
  );
  if (followers.length === 0) return NOTHING_SENT;
  const event = caseRow.eventCode ? await em.findOne(CaseEventType, { code: caseRow.eventCode }) : null;
  const seen = new Set(input.alreadyMailed);
  const deliveries: Delivery[] = [];
  for (const follower of followers) {
    const key = normalizedAddress(follower.email);
    if (seen.has(key)) continue;
    seen.add(key);
    const language = mailLanguage(follower.language);
    const unsubscribe = unsubscribeUrl(publicUrl, follower.unsubscribeToken);
    deliveries.push({
      to: follower.email,
      mail: followerMail({
        template: input.template,
        language,
        caseNumber: caseRow.number,
        eventName: event ? (language === 'en' ? event.nameEn : event.name) : null,
        // Followers are anyone: the street as the public surfaces show it, never as typed.
        street: publicStreet(caseRow.street, caseRow.district),
        district: caseRow.district ?? null,
        parentNumber: input.parentNumber,
        publicUrl,
        unsubscribeUrl: unsubscribe,
      }),
      // RFC 8058: mail clients offer their own one-click "unsubscribe", which posts to the link.
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  }
  if (deliveries.length === 0) return NOTHING_SENT;
  return deliver(deps, {
    caseRow,
    eventKey: input.eventKey,
    template: `FOLLOWER_${input.template}`,
    deliveries,
  });
}
