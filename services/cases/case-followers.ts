import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config/config';
import { Case, CaseFollower } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { FINAL_STATUSES } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import { confirmFollowUrl, followConfirmationMail } from '../mail/follower-mail';
import type { Mailer } from '../mail/mailer';
import { publicCase } from './public-map';

/** A popular pothole may gather a street's worth of followers; a script must not gather thousands. */
export const MAX_FOLLOWERS_PER_CASE = 500;

/** How long the link of a confirmation mail works; unconfirmed followers older than this are dropped. */
export const FOLLOW_CONFIRMATION_DAYS = 7;

/** Following again sends the confirmation again, but not more often: the form must not mail-bomb anyone. */
const CONFIRMATION_RESEND_MINUTES = 10;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/*
 * Following another resident's report: an address and a language, mailed (by the notification
 * activities) when the case is resolved, closed, reopened, merged or cancelled, once the address
 * confirmed through the link of a confirmation mail (double opt-in: anyone can type anyone's
 * address). Every mail carries an unsubscribe link.
 */

/** A follower as the pages behind the mails' links show them. */
export interface FollowerOfLink {
  id: number;
  language: 'pl' | 'en';
  /** The number of the followed case. */
  number: string;
}

/**
 * Follows a public report: stores the address (or finds it following already) and mails it a
 * confirmation link. The answer never tells whether an address already follows, nor whether the
 * mail went out: `mailFailed` hears of a mail that could not be sent.
 */
export async function followCase(
  deps: { orm: Orm; config: Config; mailer: Mailer },
  input: { slug: string; email: string; language: 'pl' | 'en' },
  mailFailed: (error: unknown) => void,
): Promise<{ number: string }> {
  const email = input.email.trim();
  const { number, confirmation } = await deps.orm.em.fork().transactional(async (em) => {
    const row = await publicCase(em, input.slug);
    if (FINAL_STATUSES.includes(row.status)) {
      throw new AppError(
        'INVALID_TRANSITION',
        `Case ${row.number} is ${row.status.toLowerCase()}: there is nothing more to follow`,
      );
    }
    // Serialises follows of one case, so the cap holds under concurrent requests.
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`case-followers:${row.id}`]);
    // Addresses nobody confirmed in time hold no place under the cap.
    await em.execute(
      `delete from case_followers where case_id = ? and confirmed_at is null
       and created_at < now() - make_interval(days => ?)`,
      [row.id, FOLLOW_CONFIRMATION_DAYS],
    );
    const token = randomBytes(24).toString('base64url');
    const confirmation = { token, language: input.language, number: row.number };
    const [existing] = await em.execute<{ id: string; confirmed: boolean; resend: boolean }[]>(
      `select id, confirmed_at is not null as confirmed,
         coalesce(confirmation_sent_at < now() - make_interval(mins => ?), true) as resend
       from case_followers where case_id = ? and lower(email) = lower(?)`,
      [CONFIRMATION_RESEND_MINUTES, row.id, email],
    );
    // Following twice is following: the answer never tells whether an address already follows.
    if (existing) {
      if (existing.confirmed || !existing.resend) return { number: row.number, confirmation: null };
      await em.execute(
        `update case_followers set confirmation_token_hash = ?, confirmation_sent_at = now(), language = ?
         where id = ?`,
        [tokenHash(token), input.language, existing.id],
      );
      return { number: row.number, confirmation };
    }
    const count = await em.count(CaseFollower, { caseId: row.id });
    if (count >= MAX_FOLLOWERS_PER_CASE) {
      throw new AppError(
        'CONFLICT',
        `Case ${row.number} already has the maximum of ${MAX_FOLLOWERS_PER_CASE} followers`,
      );
    }
    em.create(CaseFollower, {
      caseId: row.id,
      email,
      language: input.language,
      unsubscribeToken: randomBytes(24).toString('base64url'),
      confirmationTokenHash: tokenHash(token),
      confirmationSentAt: new Date(),
    });
    await em.flush();
    return { number: row.number, confirmation };
  });
  if (confirmation) {
    try {
      const mail = followConfirmationMail({
        language: confirmation.language,
        caseNumber: confirmation.number,
        publicUrl: deps.config.http.publicUrl,
        confirmUrl: confirmFollowUrl(deps.config.http.publicUrl, confirmation.token),
        validDays: FOLLOW_CONFIRMATION_DAYS,
      });
      await deps.mailer.send({
        to: email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
    } catch (error) {
      // The answer stays the same (it must not tell whether the address works or already
      // follows); following again after CONFIRMATION_RESEND_MINUTES sends a new mail.
      mailFailed(error);
    }
  }
  return { number };
}

async function withCaseNumber(
  em: EntityManager,
  follower: CaseFollower | null,
): Promise<FollowerOfLink | null> {
  const caseRow = follower ? await em.findOne(Case, { id: follower.caseId }, { fields: ['number'] }) : null;
  return follower && caseRow
    ? { id: follower.id, language: follower.language, number: caseRow.number }
    : null;
}

/** The unconfirmed follower of a confirmation token still valid, and their case's number. */
export async function unconfirmedFollowerOf(orm: Orm, token: string): Promise<FollowerOfLink | null> {
  const em = orm.em.fork();
  const follower = await em.findOne(CaseFollower, {
    confirmationTokenHash: tokenHash(token),
    confirmedAt: null,
    confirmationSentAt: { $gt: new Date(Date.now() - FOLLOW_CONFIRMATION_DAYS * 86_400_000) },
  });
  return withCaseNumber(em, follower);
}

/** Confirms the follower of a valid confirmation token; null when the token confirms no one. */
export async function confirmFollower(orm: Orm, token: string): Promise<FollowerOfLink | null> {
  const found = await unconfirmedFollowerOf(orm, token);
  if (!found) return null;
  // The token works once: it is cleared with the confirmation.
  await orm.em
    .fork()
    .nativeUpdate(
      CaseFollower,
      { id: found.id, confirmationTokenHash: tokenHash(token) },
      { confirmedAt: new Date(), confirmationTokenHash: null },
    );
  return found;
}

/** The follower of an unsubscribe token and their case's number, or null (the link is no longer valid). */
export async function followerOf(orm: Orm, token: string): Promise<FollowerOfLink | null> {
  const em = orm.em.fork();
  const follower = await em.findOne(CaseFollower, { unsubscribeToken: token });
  return withCaseNumber(em, follower);
}

/** Ends following for the follower of an unsubscribe token; null when the token names no one. */
export async function unsubscribeFollower(orm: Orm, token: string): Promise<FollowerOfLink | null> {
  const found = await followerOf(orm, token);
  if (!found) return null;
  await orm.em.fork().nativeDelete(CaseFollower, { id: found.id, unsubscribeToken: token });
  return found;
}
