import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A resident's tracking token is derived from the case id with the application secret, so a
 * replayed request returns the same token without storing it, and a leaked database holds none.
 */
export function trackingToken(secret: string, caseId: string): string {
  return createHmac('sha256', secret).update(`tracking-token:${caseId}`).digest('base64url').slice(0, 32);
}

export function verifyTrackingToken(secret: string, caseId: string, candidate: string): boolean {
  const expected = Buffer.from(trackingToken(secret, caseId));
  const given = Buffer.from(candidate);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
