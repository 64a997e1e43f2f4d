/** What an announcement is about. */
export const ANNOUNCEMENT_KINDS = ['ALERT', 'WATER_OUTAGE', 'ROAD_CLOSURE', 'EVENT', 'NEWS'] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];

/** The kinds residents must not miss: listed first and shown as warnings. */
export const URGENT_KINDS: readonly AnnouncementKind[] = ['ALERT', 'WATER_OUTAGE'];
