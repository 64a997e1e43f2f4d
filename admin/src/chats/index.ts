import { lazy } from 'react';
import ForumIcon from '@mui/icons-material/Forum';

const ChatConversation = lazy(() =>
  import('./ChatConversation').then((m) => ({ default: m.ChatConversation })),
);
const ChatQueue = lazy(() => import('./ChatQueue').then((m) => ({ default: m.ChatQueue })));

export const chats = { list: ChatQueue, show: ChatConversation, icon: ForumIcon };
