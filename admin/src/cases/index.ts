import { lazy } from 'react';
import InboxIcon from '@mui/icons-material/Inbox';
import { CaseList } from './CaseList';

/**
 * The case list is where clerks land, so it comes with the sign-in page; every other screen of the
 * back office (here and in the other resources' folders) is downloaded when first opened, under the
 * layout's Suspense. The case page brings Leaflet.
 */
const CaseShow = lazy(() => import('./CaseShow').then((m) => ({ default: m.CaseShow })));

export const cases = { list: CaseList, show: CaseShow, icon: InboxIcon };
