import ForumIcon from '@mui/icons-material/Forum';
import { ChatConversation } from './ChatConversation';
import { ChatQueue } from './ChatQueue';

export const chats = { list: ChatQueue, show: ChatConversation, icon: ForumIcon };
