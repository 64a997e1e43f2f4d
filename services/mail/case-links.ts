import { caseNumberToSlug } from '../../domain/cases/case-number';
import { trackingToken } from '../cases/tracking-token';

function baseUrl(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/**
 * The resident's link to the case's page in the portal; the token is derived from the id, so it
 * needs nothing stored.
 */
export function caseTrackingUrl(input: {
  publicUrl: string;
  secret: string;
  caseId: string;
  caseNumber: string;
}): string {
  const token = trackingToken(input.secret, input.caseId);
  return `${baseUrl(input.publicUrl)}/portal/track/${caseNumberToSlug(input.caseNumber)}?token=${token}`;
}

export function backOfficeCaseUrl(input: { publicUrl: string; caseId: string }): string {
  return `${baseUrl(input.publicUrl)}/admin/#/cases/${input.caseId}/show`;
}
