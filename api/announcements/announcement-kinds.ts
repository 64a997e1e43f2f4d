import type { AnnouncementKind } from '../../domain/announcements/announcement-kinds';

/** How the feed names each kind for feed readers (the portal keeps its own texts). */
export const KIND_LABELS: Record<AnnouncementKind, { pl: string; en: string }> = {
  ALERT: { pl: 'Ostrzeżenie', en: 'Alert' },
  WATER_OUTAGE: { pl: 'Przerwa w dostawie wody', en: 'Water outage' },
  ROAD_CLOSURE: { pl: 'Utrudnienia drogowe', en: 'Road closure' },
  EVENT: { pl: 'Wydarzenie', en: 'Event' },
  NEWS: { pl: 'Aktualności', en: 'News' },
};
