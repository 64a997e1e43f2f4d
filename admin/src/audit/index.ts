import { lazy } from 'react';
import HistoryIcon from '@mui/icons-material/History';

const AuditList = lazy(() => import('./AuditList').then((m) => ({ default: m.AuditList })));

/** The `case-events` resource's audit list; the case page reads the same resource as its timeline. */
export const audit = { list: AuditList, icon: HistoryIcon };
