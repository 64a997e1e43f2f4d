import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Case } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { caseNumberFromSlug, caseNumberToSlug } from '../../domain/cases/case-number';

/**
 * Anyone can type anyone's address into a report, so a case's contact address is mailed the
 * acknowledgement (with a confirmation link) and nothing more until the address is proven to be
 * the resident's: by the link, by an e-mail whose sender the city's relay authenticated, or by an
 * earlier case of the same address. Proofs are kept per address, so a resident proves it once.
 *
 * Calls and chats prove nothing by themselves: a clerk typing what a caller said, or an address
 * typed into the anonymous chat, is no more the owner's word than a form is. Their contacts are
 * unconfirmed unless the address was confirmed before.
 */

/** How a contact address was proven. */
export type ContactProof = 'LINK' | 'AUTHENTICATED_MAIL';

/** The confirmation link works this long after the case was filed (it says so in the mail). */
export const CONTACT_CONFIRMATION_DAYS = 30;

const TOKEN_PATTERN = /^(\d{6,}-\d{2})\.([A-Za-z0-9_-]{32})$/;

/** Addresses are kept and compared trimmed and lower-cased, as the notifications table keeps them. */
export function normalizedAddress(address: string): string {
  return address.trim().toLowerCase();
}

function signature(secret: string, caseId: string, address: string): string {
  return createHmac('sha256', secret)
    .update(`case-contact-confirmation:${caseId}:${normalizedAddress(address)}`)
    .digest('base64url')
    .slice(0, 32);
}

/**
 * The token of a case's confirmation link: the case's number (public anyway, in every subject) and
 * an HMAC of the case and the address under the application secret. It needs nothing stored, names
 * no internal id, serves this purpose only, and stops working when a clerk changes the address.
 */
export function contactConfirmationToken(
  secret: string,
  contact: { caseId: string; caseNumber: string; email: string },
): string {
  return `${caseNumberToSlug(contact.caseNumber)}.${signature(secret, contact.caseId, contact.email)}`;
}

export function contactConfirmationUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/v1/public/case-contacts/confirm?token=${token}`;
}

/** The case number a token names, or null when it is not shaped like one of ours. */
export function caseNumberOfConfirmationToken(token: string): string | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? caseNumberFromSlug(match[1]) : null;
}

export function verifyContactConfirmationToken(
  secret: string,
  token: string,
  contact: { caseId: string; caseNumber: string; email: string },
): boolean {
  const expected = Buffer.from(contactConfirmationToken(secret, contact));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function confirmationExpired(caseCreatedAt: Date, now = new Date()): boolean {
  return now.getTime() > caseCreatedAt.getTime() + CONTACT_CONFIRMATION_DAYS * 86_400_000;
}

/** Which of these addresses were proven (by any case), lower-cased. */
export async function confirmedAddresses(em: EntityManager, addresses: string[]): Promise<Set<string>> {
  const wanted = [...new Set(addresses.map(normalizedAddress).filter(Boolean))];
  if (wanted.length === 0) return new Set();
  const rows = await em.execute<{ email: string }[]>(
    'select email from contact_confirmations where email in (?)',
    [wanted],
  );
  return new Set(rows.map((row) => row.email));
}

/** Records a proven address; the first proof is kept, so confirming again changes nothing. */
export async function recordConfirmedAddress(
  em: EntityManager,
  proof: { email: string; method: ContactProof; caseId: string },
): Promise<void> {
  // Through the entity manager, so a caller's transaction (the case's own, at intake) holds it.
  await em.execute(
    `insert into contact_confirmations (email, method, case_id) values (?, ?, ?)
     on conflict (email) do nothing`,
    [normalizedAddress(proof.email), proof.method, proof.caseId],
  );
}

/** What a confirmation link's token stands for now. */
export type ConfirmationLink =
  | { state: 'malformed' }
  /** No case with this number, a forged signature, or the case's address changed since. */
  | { state: 'unknown' }
  | { state: 'expired'; caseRow: Case }
  | { state: 'pending' | 'confirmed'; caseRow: Case; email: string };

/** What the link of a token stands for now (the page behind the link shows it and changes nothing). */
export async function confirmationLinkOf(
  orm: Orm,
  secret: string,
  token: string,
  now = new Date(),
): Promise<ConfirmationLink> {
  return linkOf(orm.em.fork(), secret, token, now);
}

async function linkOf(
  em: EntityManager,
  secret: string,
  token: string,
  now = new Date(),
): Promise<ConfirmationLink> {
  const number = caseNumberOfConfirmationToken(token);
  if (!number) return { state: 'malformed' };
  const caseRow = await em.findOne(Case, { number });
  const email = caseRow?.contactEmail?.trim();
  if (
    !caseRow ||
    !email ||
    !verifyContactConfirmationToken(secret, token, { caseId: caseRow.id, caseNumber: caseRow.number, email })
  ) {
    return { state: 'unknown' };
  }
  // A confirmed address stays confirmed: the link keeps saying so after it expired.
  if ((await confirmedAddresses(em, [email])).size > 0) return { state: 'confirmed', caseRow, email };
  if (confirmationExpired(caseRow.createdAt, now)) return { state: 'expired', caseRow };
  return { state: 'pending', caseRow, email };
}

/** Confirms the address a link names; following it again answers the same (idempotent). */
export async function confirmContactAddress(
  orm: Orm,
  secret: string,
  token: string,
): Promise<ConfirmationLink> {
  const em = orm.em.fork();
  const link = await linkOf(em, secret, token);
  if (link.state !== 'pending') return link;
  await recordConfirmedAddress(em, { email: link.email, method: 'LINK', caseId: link.caseRow.id });
  return { ...link, state: 'confirmed' };
}
