import { useEffect, useState } from 'react';
import { api } from '../api';

export type AnnouncementKind = 'ALERT' | 'WATER_OUTAGE' | 'ROAD_CLOSURE' | 'EVENT' | 'NEWS';

/** `GET /api/v1/announcements`: the current ones, urgent kinds first, then the newest. */
export interface Announcement {
  id: string;
  kind: AnnouncementKind;
  title: { pl: string; en: string };
  body: { pl: string; en: string };
  /** Empty: the whole city. */
  districts: string[];
  validFrom: string;
  validTo: string | null;
  updatedAt: string;
}

/** Residents must not miss these: shown first and as warnings. */
export const isUrgent = (announcement: Announcement) =>
  announcement.kind === 'ALERT' || announcement.kind === 'WATER_OUTAGE';

export function feedUrl(lang: string, district: string): string {
  const query = new URLSearchParams({ lang, ...(district ? { district } : {}) });
  return `/api/v1/announcements/feed.atom?${query.toString()}`;
}

/** The current announcements (of a district and the whole city, when one is given). */
export function useCurrentAnnouncements(district = '') {
  const [state, setState] = useState<{ items: Announcement[] | null; error: unknown }>({
    items: null,
    error: null,
  });
  useEffect(() => {
    let active = true;
    setState({ items: null, error: null });
    api<{ items: Announcement[] }>('/api/v1/announcements', { query: { district } }).then(
      (answer) => active && setState({ items: answer.items, error: null }),
      (error: unknown) => active && setState({ items: null, error }),
    );
    return () => {
      active = false;
    };
  }, [district]);
  return state;
}
