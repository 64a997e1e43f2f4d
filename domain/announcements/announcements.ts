export { ANNOUNCEMENT_KINDS, type AnnouncementKind } from './announcement-kinds';

/** Where an announcement is in its life: what the list's filter and the portal go by. */
export const ANNOUNCEMENT_STATES = ['current', 'scheduled', 'expired', 'draft'] as const;
export type AnnouncementState = (typeof ANNOUNCEMENT_STATES)[number];

export function announcementState(
  announcement: { validFrom: Date; validTo?: Date | null; published: boolean },
  now = new Date(),
): AnnouncementState {
  if (announcement.validTo && announcement.validTo <= now) return 'expired';
  if (!announcement.published) return 'draft';
  return announcement.validFrom > now ? 'scheduled' : 'current';
}

/** An announcement ends after it starts: the form's check, the database's and the service's say so alike. */
export const VALIDITY_PROBLEM = { field: 'validTo', message: 'must be later than validFrom' } as const;
