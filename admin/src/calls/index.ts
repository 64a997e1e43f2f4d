import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import { CallList } from './CallList';
import { NewCall } from './NewCall';

export const calls = { list: CallList, create: NewCall, icon: PhoneInTalkIcon };
