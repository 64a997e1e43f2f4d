import { useEffect, useRef } from 'react';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import {
  Datagrid,
  DateField,
  FunctionField,
  List,
  SelectArrayInput,
  TextField,
  useNotify,
  useRecordContext,
  useRedirect,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useBackOfficeDataProvider } from '../dataProvider';
import type { Chat } from './chatsApi';
import { useChatSocket } from './useChatSocket';

const STATUSES = ['WAITING', 'ACTIVE', 'CLOSED', 'LEFT_MESSAGE'] as const;
/** Without the socket the queue still moves: it reloads this often. */
const POLL_MS = 5_000;
/** At most one reload this often, however many chats change at once. */
const REFRESH_MS = 1_000;

/** Reloads the list when the socket says a chat changed, or every few seconds while it is down. */
const LiveQueue = () => {
  const refresh = useRefresh();
  const translate = useTranslate();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { connected } = useChatSocket((frame) => {
    if (frame.type !== 'chat' || pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      refresh();
    }, REFRESH_MS);
  });
  useEffect(() => {
    if (connected) return undefined;
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [connected, refresh]);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  return (
    <Chip
      size="small"
      color={connected ? 'success' : 'default'}
      label={translate(connected ? 'civicflow.chats.live' : 'civicflow.chats.offline')}
      sx={{ m: 1 }}
      role="status"
    />
  );
};

const TakeOrOpen = () => {
  const chat = useRecordContext<Chat>();
  const translate = useTranslate();
  const redirect = useRedirect();
  const notify = useNotify();
  const dataProvider = useBackOfficeDataProvider();
  if (!chat) return null;
  if (chat.status === 'WAITING') {
    return (
      <Button
        size="small"
        variant="contained"
        data-action="take"
        onClick={(event) => {
          event.stopPropagation();
          dataProvider.takeChat(chat.id).then(
            () => redirect('show', 'chats', chat.id),
            (error: Error) => notify(error.message, { type: 'error' }),
          );
        }}
      >
        {translate('civicflow.chats.take')}
      </Button>
    );
  }
  return (
    <Button size="small" onClick={() => redirect('show', 'chats', chat.id)}>
      {translate('civicflow.chats.open')}
    </Button>
  );
};

const filters = [
  <SelectArrayInput
    key="status"
    source="status"
    alwaysOn
    choices={STATUSES.map((id) => ({ id, name: `civicflow.chats.status.${id}` }))}
  />,
];

/** The clerks' chat queue: waiting chats first (oldest on top), live while the socket is up. */
export const ChatQueue = () => {
  const translate = useTranslate();
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: ['WAITING', 'ACTIVE'] }}
      sort={{ field: 'createdAt', order: 'ASC' }}
      perPage={50}
      actions={<LiveQueue />}
      title={translate('civicflow.chats.queue')}
    >
      <Datagrid
        rowClick="show"
        bulkActionButtons={false}
        // react-admin's own text reads "Nie znaleziono Czat" in Polish: the resource name does not inflect.
        empty={
          <Typography sx={{ p: 2 }} color="text.secondary" data-testid="chat-queue-empty">
            {translate('civicflow.chats.queue_empty')}
          </Typography>
        }
      >
        <FunctionField
          source="status"
          render={(chat: Chat) => (
            <Chip
              size="small"
              color={chat.status === 'WAITING' ? 'warning' : chat.status === 'ACTIVE' ? 'info' : 'default'}
              label={translate(`civicflow.chats.status.${chat.status}`)}
            />
          )}
        />
        <FunctionField
          source="residentName"
          sortable={false}
          render={(chat: Chat) => chat.residentName ?? translate('civicflow.chats.anonymous')}
        />
        <TextField source="residentEmail" emptyText="—" sortable={false} />
        <DateField source="createdAt" showTime />
        <FunctionField
          source="lastMessage"
          sortable={false}
          render={(chat: Chat) => chat.lastMessage?.text.slice(0, 80) ?? '—'}
        />
        <TextField source="clerkName" emptyText="—" sortable={false} />
        <FunctionField
          source="outcome"
          sortable={false}
          render={(chat: Chat) =>
            chat.outcome
              ? `${translate(`civicflow.chats.outcome.${chat.outcome}`)}${chat.caseNumber ? ` ${chat.caseNumber}` : ''}`
              : '—'
          }
        />
        <TakeOrOpen />
      </Datagrid>
    </List>
  );
};
