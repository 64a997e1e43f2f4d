import { useTranslate } from 'react-admin';

export const ANNOUNCEMENT_KINDS = ['ALERT', 'WATER_OUTAGE', 'ROAD_CLOSURE', 'EVENT', 'NEWS'] as const;
export const ANNOUNCEMENT_STATES = ['current', 'scheduled', 'expired', 'draft'] as const;

export function useKindChoices() {
  const translate = useTranslate();
  return ANNOUNCEMENT_KINDS.map((id) => ({ id, name: translate(`civicflow.announcements.kind.${id}`) }));
}

export function useStateChoices() {
  const translate = useTranslate();
  return ANNOUNCEMENT_STATES.map((id) => ({ id, name: translate(`civicflow.announcements.state.${id}`) }));
}
