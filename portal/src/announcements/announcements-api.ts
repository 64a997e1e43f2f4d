import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Announcement } from '../api-types';

export type { Announcement, AnnouncementKind } from '../api-types';

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
