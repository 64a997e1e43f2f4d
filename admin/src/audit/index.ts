import HistoryIcon from '@mui/icons-material/History';
import { AuditList } from './AuditList';

/** The `case-events` resource's audit list; the case page reads the same resource as its timeline. */
export const audit = { list: AuditList, icon: HistoryIcon };
