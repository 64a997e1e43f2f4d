import { createHmac } from 'node:crypto';

/** How far a signed timestamp may be from now, either way, for a callback to be taken. */
export const CALLBACK_MAX_AGE_SECONDS = 300;

/**
 * The signature of both directions (our webhook to a unit, its callbacks to us): HMAC-SHA256 with
 * the unit's secret over `<unix seconds>.<exact body>`, so a captured message cannot be sent again
 * later under a fresh timestamp.
 */
export function signBody(secret: string, body: string, timestamp: number): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
