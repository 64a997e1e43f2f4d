import CampaignIcon from '@mui/icons-material/Campaign';
import { Resource } from 'react-admin';
import { AnnouncementCreate, AnnouncementEdit } from './AnnouncementForms';
import { AnnouncementList } from './AnnouncementList';

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
