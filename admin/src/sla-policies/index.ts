import { lazy } from 'react';
import TimerIcon from '@mui/icons-material/Timer';

const SlaPolicyCreate = lazy(() => import('./SlaPolicyForms').then((m) => ({ default: m.SlaPolicyCreate })));
const SlaPolicyEdit = lazy(() => import('./SlaPolicyForms').then((m) => ({ default: m.SlaPolicyEdit })));
const SlaPolicyList = lazy(() => import('./SlaPolicyList').then((m) => ({ default: m.SlaPolicyList })));

export const slaPolicies = {
  list: SlaPolicyList,
  edit: SlaPolicyEdit,
  create: SlaPolicyCreate,
  icon: TimerIcon,
};
