import ManageHistoryIcon from '@mui/icons-material/ManageHistory';
import { ConfigChangeList } from './ConfigChangeList';

/** Read-only: the history is written by the configuration changes themselves. */
export const configChanges = { list: ConfigChangeList, icon: ManageHistoryIcon };
