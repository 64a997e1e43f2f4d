import TimerIcon from '@mui/icons-material/Timer';
import { SlaPolicyCreate, SlaPolicyEdit } from './SlaPolicyForms';
import { SlaPolicyList } from './SlaPolicyList';

export const slaPolicies = {
  list: SlaPolicyList,
  edit: SlaPolicyEdit,
  create: SlaPolicyCreate,
  icon: TimerIcon,
};
