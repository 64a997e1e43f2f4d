import { lazy } from 'react';
import CampaignIcon from '@mui/icons-material/Campaign';
import { Resource } from 'react-admin';

const AnnouncementCreate = lazy(() =>
  import('./AnnouncementForms').then((m) => ({ default: m.AnnouncementCreate })),
);
const AnnouncementEdit = lazy(() =>
  import('./AnnouncementForms').then((m) => ({ default: m.AnnouncementEdit })),
);
const AnnouncementList = lazy(() =>
  import('./AnnouncementList').then((m) => ({ default: m.AnnouncementList })),
);

export const announcements = {
  list: AnnouncementList,
  create: AnnouncementCreate,
  edit: AnnouncementEdit,
  icon: CampaignIcon,
};

/** Clerks post outages and closures as they hear of them; managers and administrators too. */
export function announcementsResource(permissions: string | null) {
  if (permissions !== 'ADMIN' && permissions !== 'MANAGER' && permissions !== 'CLERK') return null;
  return (
    <Resource name="announcements" recordRepresentation={(r) => r.title?.pl ?? r.id} {...announcements} />
  );
}
