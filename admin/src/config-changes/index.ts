import { lazy } from 'react';
import ManageHistoryIcon from '@mui/icons-material/ManageHistory';

const ConfigChangeList = lazy(() =>
  import('./ConfigChangeList').then((m) => ({ default: m.ConfigChangeList })),
);

/** Read-only: the history is written by the configuration changes themselves. */
export const configChanges = { list: ConfigChangeList, icon: ManageHistoryIcon };
