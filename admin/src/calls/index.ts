import { lazy } from 'react';
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';

const CallList = lazy(() => import('./CallList').then((m) => ({ default: m.CallList })));
const NewCall = lazy(() => import('./NewCall').then((m) => ({ default: m.NewCall })));

export const calls = { list: CallList, create: NewCall, icon: PhoneInTalkIcon };
