import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The resident's token for viewing, cancelling and moving a booking. It is derived from the
 * booking id with the application secret, so a replayed booking request and the e-mails can give
 * it again without storing it; the row keeps only its sha256, which is what requests are checked
 * against, so a leaked database holds no usable token.
 */
export function bookingToken(secret: string, bookingId: string): string {
  return createHmac('sha256', secret).update(`booking-token:${bookingId}`).digest('base64url').slice(0, 32);
}

export function bookingTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function verifyBookingToken(storedHash: string, candidate: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const given = Buffer.from(bookingTokenHash(candidate), 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
