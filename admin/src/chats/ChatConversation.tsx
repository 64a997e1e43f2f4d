import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import MuiTextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  AutocompleteInput,
  Form,
  FormDataConsumer,
  SaveButton,
  SelectInput,
  TextInput,
  Title,
  useGetRecordId,
  useNotify,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { CASE_KINDS } from '../../../domain/cases/case-states';
import { districts } from '../calls/callsApi';
import { useTaxonomyEvents } from '../cases/useTaxonomyEvents';
import {
  abandonChat,
  answerChat,
  chatToCase,
  fetchChat,
  newClientId,
  releaseChat,
  replyInChat,
  residentCases,
  takeChat,
  type Chat,
  type ChatMessage,
  type EarlierCase,
} from './chatsApi';
import { useChatSocket } from './useChatSocket';

interface Pending {
  clientId: string;
  text: string;
}

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
  const [chat, setChat] = useState<Chat | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [pending, setPending] = useState<Pending[]>([]);
  const [failed, setFailed] = useState(false);
  const [dialog, setDialog] = useState<'case' | 'answer' | null>(null);
  const lastSeq = useRef(0);
  lastSeq.current = messages.at(-1)?.seq ?? 0;

  const reload = useCallback(async () => {
    try {
      const loaded = await fetchChat(id);
      const { messages: transcript, ...record } = loaded;
      setChat(record);
      setMessages((current) => merge(current, transcript));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [id]);

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
      await replyInChat(id, text, entry.clientId);
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
              <Button variant="contained" data-action="take" onClick={() => void act(() => takeChat(id))}>
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
                <Button data-action="release" onClick={() => void act(() => releaseChat(id))}>
                  {translate('civicflow.chats.release')}
                </Button>
              </>
            )}
            {(chat.heldByMe || chat.status === 'WAITING') && (
              <Button color="error" data-action="abandon" onClick={() => void act(() => abandonChat(id))}>
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
        <EndDialog
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

const Transcript = ({ messages, pending }: { messages: ChatMessage[]; pending: Pending[] }) => {
  const translate = useTranslate();
  const end = useRef<HTMLLIElement | null>(null);
  const shownIds = new Set(messages.map((message) => message.clientId));
  const waiting = pending.filter((entry) => !shownIds.has(entry.clientId));
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, waiting.length]);
  return (
    <Box
      component="ol"
      role="log"
      aria-live="polite"
      aria-label={translate('civicflow.chats.conversation')}
      data-testid="chat-transcript"
      sx={{
        listStyle: 'none',
        m: 0,
        p: 1,
        maxHeight: '55vh',
        overflowY: 'auto',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
      }}
    >
      {messages.length === 0 && waiting.length === 0 && (
        <li>
          <Typography color="text.secondary">{translate('civicflow.chats.no_messages')}</Typography>
        </li>
      )}
      {messages.map((message) => (
        <Box
          component="li"
          key={message.seq}
          sx={{
            my: 0.5,
            display: 'flex',
            justifyContent:
              message.sender === 'SYSTEM' ? 'center' : message.sender === 'CLERK' ? 'flex-end' : 'flex-start',
          }}
        >
          {message.sender === 'SYSTEM' ? (
            <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
              {translate(`civicflow.chats.system.${message.text}`, {
                author: message.author ?? '',
                _: message.text,
              })}
            </Typography>
          ) : (
            <Paper
              variant="outlined"
              sx={{
                p: 1,
                maxWidth: '80%',
                bgcolor: message.sender === 'CLERK' ? 'action.hover' : 'background.paper',
              }}
            >
              <Typography variant="caption" color="text.secondary" component="p">
                {message.sender === 'RESIDENT'
                  ? (message.author ?? translate('civicflow.chats.resident'))
                  : (message.author ?? translate('civicflow.chats.you'))}{' '}
                · <time dateTime={message.createdAt}>{new Date(message.createdAt).toLocaleTimeString()}</time>
              </Typography>
              <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {message.text}
              </Typography>
            </Paper>
          )}
        </Box>
      ))}
      {waiting.map((entry) => (
        <Box
          component="li"
          key={entry.clientId}
          sx={{ my: 0.5, display: 'flex', justifyContent: 'flex-end', opacity: 0.6 }}
        >
          <Paper variant="outlined" sx={{ p: 1, maxWidth: '80%' }}>
            <Typography variant="caption" color="text.secondary" component="p">
              {translate('civicflow.chats.sending')}
            </Typography>
            <Typography sx={{ whiteSpace: 'pre-wrap' }}>{entry.text}</Typography>
          </Paper>
        </Box>
      ))}
      <li ref={end} aria-hidden="true" />
    </Box>
  );
};

const ReplyBox = ({ onSend }: { onSend: (text: string) => Promise<void> }) => {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const submit = () => {
    const value = text.trim();
    if (!value) return;
    setText('');
    void onSend(value);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };
  return (
    <Stack
      component="form"
      direction="row"
      spacing={1}
      sx={{ mt: 1, alignItems: 'flex-start' }}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <MuiTextField
        label={translate('civicflow.chats.reply')}
        helperText={translate('civicflow.chats.reply_hint')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        multiline
        minRows={2}
        fullWidth
        slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'chat-reply' } }}
        autoFocus
      />
      <Button type="submit" variant="contained" data-action="send">
        {translate('civicflow.chats.send')}
      </Button>
    </Stack>
  );
};

const ResidentPanel = ({ chat }: { chat: Chat }) => {
  const translate = useTranslate();
  const [cases, setCases] = useState<EarlierCase[] | null>(null);
  useEffect(() => {
    let live = true;
    if (!chat.residentEmail) return undefined;
    residentCases(chat.id).then(
      (found) => live && setCases(found),
      () => live && setCases([]),
    );
    return () => {
      live = false;
    };
  }, [chat.id, chat.residentEmail]);
  return (
    <Paper variant="outlined" sx={{ p: 2, flex: 1, width: '100%' }} data-testid="chat-resident">
      <Typography variant="subtitle1" component="h2">
        {translate('civicflow.chats.resident')}
      </Typography>
      <Typography>{chat.residentName ?? translate('civicflow.chats.anonymous')}</Typography>
      {chat.residentEmail && (
        <Typography variant="body2">
          {chat.residentEmail}{' '}
          <Typography component="span" variant="caption" color="text.secondary">
            ({translate('civicflow.chats.email_unverified')})
          </Typography>
        </Typography>
      )}
      <Typography variant="body2" color="text.secondary">
        {translate(`civicflow.language.${chat.language}`)}
      </Typography>
      <Typography variant="subtitle1" component="h2" sx={{ mt: 2 }}>
        {translate('civicflow.chats.earlier_cases')}
      </Typography>
      {!chat.residentEmail && (
        <Typography variant="body2" color="text.secondary">
          {translate('civicflow.chats.earlier_cases_hint')}
        </Typography>
      )}
      {chat.residentEmail && cases?.length === 0 && (
        <Typography variant="body2">{translate('civicflow.chats.no_earlier_cases')}</Typography>
      )}
      {chat.residentEmail && cases && cases.length > 0 && (
        <List dense disablePadding>
          {cases.map((earlier) => (
            <ListItem key={earlier.id} disableGutters>
              <ListItemText
                primary={
                  // A new tab: the chat stays on the screen.
                  <Link href={`#/cases/${earlier.id}/show`} target="_blank" rel="noopener">
                    {earlier.number}
                  </Link>
                }
                secondary={[
                  translate(`civicflow.status.${earlier.status}`),
                  earlier.eventCode ?? translate(`civicflow.kind.${earlier.kind}`),
                  translate(`civicflow.channel.${earlier.channel}`),
                  new Date(earlier.createdAt).toLocaleDateString(),
                ].join(' · ')}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Paper>
  );
};

/** Empty inputs are absent fields to the API, not empty strings. */
function clean(values: Record<string, unknown>): Record<string, unknown> {
  const entries = Object.entries(values)
    .map(
      ([key, value]) =>
        [key, value && typeof value === 'object' ? clean(value as Record<string, unknown>) : value] as const,
    )
    .filter(([, value]) => value !== '' && value !== null && value !== undefined)
    .filter(([, value]) => !(typeof value === 'object' && Object.keys(value as object).length === 0));
  return Object.fromEntries(entries);
}

const EndDialog = ({
  kind,
  chatId,
  onClose,
  onDone,
}: {
  kind: 'case' | 'answer';
  chatId: string;
  onClose: () => void;
  onDone: (caseNumber: string) => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const events = useTaxonomyEvents();
  const [districtChoices, setDistrictChoices] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    if (kind !== 'case') return;
    districts().then(setDistrictChoices, () => setDistrictChoices([]));
  }, [kind]);
  const title = translate(kind === 'case' ? 'civicflow.chats.create_case' : 'civicflow.chats.answer');

  const submit = async (values: Record<string, unknown>) => {
    try {
      const body = clean(values);
      const result = kind === 'case' ? await chatToCase(chatId, body) : await answerChat(chatId, body);
      onDone(result.case.number);
      return undefined;
    } catch (error) {
      const body = (error as HttpError).body as { errors?: Record<string, string> } | undefined;
      notify((error as Error).message, { type: 'error' });
      // react-admin puts these messages next to the matching inputs.
      return body?.errors;
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="chat-end-title">
      <DialogTitle id="chat-end-title">{title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate(kind === 'case' ? 'civicflow.chats.create_case_hint' : 'civicflow.chats.answer_hint')}
        </Typography>
        <Form onSubmit={submit} record={{}}>
          {kind === 'case' ? (
            <>
              <SelectInput
                source="kind"
                label="resources.chats.fields.kind"
                emptyText="civicflow.chats.kind_by_classifier"
                choices={CASE_KINDS.map((id) => ({ id, name: translate(`civicflow.kind.${id}`) }))}
                fullWidth
              />
              <FormDataConsumer<{ kind?: string }>>
                {({ formData }) =>
                  formData.kind === 'INCIDENT' ? (
                    <AutocompleteInput
                      source="eventCode"
                      label="resources.chats.fields.eventCode"
                      choices={events}
                      fullWidth
                    />
                  ) : null
                }
              </FormDataConsumer>
              <AutocompleteInput
                source="location.district"
                label="resources.chats.fields.location.district"
                choices={districtChoices}
                fullWidth
              />
              <Stack direction="row" spacing={1}>
                <TextInput
                  source="location.street"
                  label="resources.chats.fields.location.street"
                  fullWidth
                />
                <TextInput source="location.building" label="resources.chats.fields.location.building" />
              </Stack>
              <TextInput
                source="description"
                label="resources.chats.fields.description"
                multiline
                minRows={3}
                fullWidth
              />
            </>
          ) : (
            <TextInput
              source="answer"
              label="resources.chats.fields.answer"
              multiline
              minRows={3}
              fullWidth
            />
          )}
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <SaveButton label={title} alwaysEnable />
            <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          </Stack>
        </Form>
      </DialogContent>
    </Dialog>
  );
};
