import { useCallback, useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Title, useGetRecordId, useNotify, useTranslate } from 'react-admin';
import { useBackOfficeDataProvider } from '../dataProvider';
import { newClientId, type Chat, type ChatMessage } from './chatsApi';
import { EndChatDialog } from './EndChatDialog';
import { ResidentPanel } from './ResidentPanel';
import { ReplyBox, Transcript, type Pending } from './Transcript';
import { useChatSocket } from './useChatSocket';

/** Merges messages by number: a replay after a reconnect never shows a line twice. */
function merge(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const bySeq = new Map(current.map((message) => [message.seq, message]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * One chat: the transcript live over the clerks' socket, the reply box for the clerk holding it,
 * and the ways to end it (a case, an answered question, back to the queue, or no case), next to
 * the resident's earlier cases.
 */
export const ChatConversation = () => {
  const id = String(useGetRecordId());
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useBackOfficeDataProvider();
  const [chat, setChat] = useState<Chat | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [pending, setPending] = useState<Pending[]>([]);
  const [failed, setFailed] = useState(false);
  const [dialog, setDialog] = useState<'case' | 'answer' | null>(null);
  const lastSeq = useRef(0);
  lastSeq.current = messages.at(-1)?.seq ?? 0;

  const reload = useCallback(async () => {
    try {
      const { data: loaded } = await dataProvider.getOne<Chat & { messages: ChatMessage[] }>('chats', { id });
      const { messages: transcript, ...record } = loaded;
      setChat(record);
      setMessages((current) => merge(current, transcript));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [dataProvider, id]);

  useEffect(() => {
    setMessages([]);
    void reload();
  }, [reload]);

  const { connected, send } = useChatSocket((frame) => {
    if (frame.type === 'ready') send({ type: 'watch', chatId: id, lastSeq: lastSeq.current });
    else if (frame.type === 'chat' && frame.chat.id === id) setChat(frame.chat);
    else if (frame.type === 'message' && frame.chatId === id) {
      const { type: _type, chatId: _chatId, ...message } = frame;
      setMessages((current) => merge(current, [message]));
      setPending((current) => current.filter((entry) => entry.clientId !== message.clientId));
    }
  });

  // Without the socket nothing arrives by itself: the transcript reloads every few seconds.
  useEffect(() => {
    if (connected) return undefined;
    const timer = setInterval(() => void reload(), 5_000);
    return () => clearInterval(timer);
  }, [connected, reload]);

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await reload();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };

  const sendReply = async (text: string) => {
    const entry = { clientId: newClientId(), text };
    setPending((current) => [...current, entry]);
    try {
      await dataProvider.replyInChat(id, text, entry.clientId);
      if (!connected) await reload();
    } catch (error) {
      setPending((current) => current.filter((item) => item.clientId !== entry.clientId));
      notify((error as Error).message, { type: 'error' });
    }
  };

  if (failed && !chat) return <Alert severity="error">{translate('civicflow.chats.load_failed')}</Alert>;
  if (!chat) return null;
  const open = chat.status === 'WAITING' || chat.status === 'ACTIVE';

  return (
    <Box sx={{ p: 2 }}>
      <Title
        title={`${translate('civicflow.chats.conversation')}: ${chat.residentName ?? translate('civicflow.chats.anonymous')}`}
      />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Paper variant="outlined" sx={{ p: 2, flex: 2, width: '100%' }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
            <Typography variant="h6" component="h1">
              {translate('civicflow.chats.conversation')}
            </Typography>
            <Chip
              size="small"
              label={translate(`civicflow.chats.status.${chat.status}`)}
              data-testid="chat-status"
            />
            {chat.status === 'ACTIVE' && (
              <Typography variant="body2" color="text.secondary">
                {chat.heldByMe
                  ? translate('civicflow.chats.taken')
                  : translate('civicflow.chats.held_by', {
                      clerk: chat.clerkName ?? chat.clerkUsername ?? '',
                    })}
              </Typography>
            )}
            {chat.residentLeftAt && open && (
              <Chip size="small" color="warning" label={translate('civicflow.chats.resident_left')} />
            )}
          </Stack>
          <Transcript messages={messages} pending={pending} />
          {chat.heldByMe && <ReplyBox onSend={sendReply} />}
          <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap', gap: 1 }}>
            {chat.status === 'WAITING' && (
              <Button
                variant="contained"
                data-action="take"
                onClick={() => void act(() => dataProvider.takeChat(id))}
              >
                {translate('civicflow.chats.take')}
              </Button>
            )}
            {chat.heldByMe && (
              <>
                <Button variant="contained" data-action="create-case" onClick={() => setDialog('case')}>
                  {translate('civicflow.chats.create_case')}
                </Button>
                <Button variant="outlined" data-action="answer" onClick={() => setDialog('answer')}>
                  {translate('civicflow.chats.answer')}
                </Button>
                <Button data-action="release" onClick={() => void act(() => dataProvider.releaseChat(id))}>
                  {translate('civicflow.chats.release')}
                </Button>
              </>
            )}
            {(chat.heldByMe || chat.status === 'WAITING') && (
              <Button
                color="error"
                data-action="abandon"
                onClick={() => void act(() => dataProvider.abandonChat(id))}
              >
                {translate('civicflow.chats.abandon')}
              </Button>
            )}
          </Stack>
          {!open && (
            <Alert severity="info" sx={{ mt: 2 }}>
              {translate('civicflow.chats.ended')}
              {chat.outcome ? ` · ${translate(`civicflow.chats.outcome.${chat.outcome}`)}` : ''}
              {chat.caseId && chat.caseNumber && (
                <>
                  {' · '}
                  <Link href={`#/cases/${chat.caseId}/show/timeline`} data-testid="chat-case-link">
                    {translate('civicflow.chats.open_case', { number: chat.caseNumber })}
                  </Link>
                </>
              )}
            </Alert>
          )}
        </Paper>
        <ResidentPanel chat={chat} />
      </Stack>
      {dialog && (
        <EndChatDialog
          kind={dialog}
          chatId={id}
          onClose={() => setDialog(null)}
          onDone={(number) => {
            notify(dialog === 'case' ? 'civicflow.chats.case_created' : 'civicflow.chats.answered', {
              type: 'success',
              messageArgs: { number },
            });
            setDialog(null);
            void reload();
          }}
        />
      )}
    </Box>
  );
};
