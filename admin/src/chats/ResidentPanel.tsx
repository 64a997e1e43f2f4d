import { useEffect, useState } from 'react';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { useBackOfficeDataProvider } from '../dataProvider';
import type { Chat, EarlierCase } from './chatsApi';

/** Who is writing, as far as they said, and the cases filed earlier under their e-mail address. */
export const ResidentPanel = ({ chat }: { chat: Chat }) => {
  const translate = useTranslate();
  const dataProvider = useBackOfficeDataProvider();
  const [cases, setCases] = useState<EarlierCase[] | null>(null);
  useEffect(() => {
    let live = true;
    if (!chat.residentEmail) return undefined;
    dataProvider.chatResidentCases(chat.id).then(
      (found) => live && setCases(found),
      () => live && setCases([]),
    );
    return () => {
      live = false;
    };
  }, [dataProvider, chat.id, chat.residentEmail]);
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
