import InboxIcon from '@mui/icons-material/Inbox';
import { CaseList } from './CaseList';
import { CaseShow } from './CaseShow';

export const cases = { list: CaseList, show: CaseShow, icon: InboxIcon };
