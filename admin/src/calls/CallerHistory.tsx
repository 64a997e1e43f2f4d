import { useEffect, useState } from 'react';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslate, type HttpError } from 'react-admin';
import { useBackOfficeDataProvider } from '../dataProvider';
import type { EarlierCase } from './callsApi';

const LOOKUP_DELAY_MS = 400;
const EMAIL = /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

type Lookup =
  { state: 'idle' } | { state: 'loading' } | { state: 'done'; cases: EarlierCase[] } | { state: 'failed' };

/**
 * What the caller reported before, looked up while the clerk types the e-mail or phone number:
 * once the typing pauses, and only for values that can be an address or a number.
 */
export const CallerHistory = ({ email, phone }: { email?: string; phone?: string }) => {
  const translate = useTranslate();
  const dataProvider = useBackOfficeDataProvider();
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });
  const emailQuery = email && EMAIL.test(email.trim()) ? email.trim() : undefined;
  const phoneQuery = phone && PHONE.test(phone.trim()) ? phone.trim() : undefined;

  useEffect(() => {
    if (!emailQuery && !phoneQuery) {
      setLookup({ state: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLookup({ state: 'loading' });
      dataProvider
        .callerHistory({ email: emailQuery, phone: phoneQuery }, controller.signal)
        .then((cases) => setLookup({ state: 'done', cases }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          // An address the server does not take as one yet (still being typed) is no failure.
          setLookup({ state: (error as HttpError).status === 400 ? 'idle' : 'failed' });
        });
    }, LOOKUP_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [dataProvider, emailQuery, phoneQuery]);

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="caller-history">
      <Typography variant="subtitle1" component="h2" gutterBottom>
        {translate('civicflow.calls.earlier_cases')}
      </Typography>
      {lookup.state === 'idle' && (
        <Typography variant="body2" color="text.secondary">
          {translate('civicflow.calls.earlier_cases_hint')}
        </Typography>
      )}
      {lookup.state === 'loading' && (
        <Typography variant="body2">{translate('civicflow.calls.looking_up')}</Typography>
      )}
      {lookup.state === 'failed' && (
        <Typography variant="body2" color="error">
          {translate('civicflow.calls.lookup_failed')}
        </Typography>
      )}
      {lookup.state === 'done' && lookup.cases.length === 0 && (
        <Typography variant="body2">{translate('civicflow.calls.no_earlier_cases')}</Typography>
      )}
      {lookup.state === 'done' && lookup.cases.length > 0 && (
        <List dense disablePadding>
          {lookup.cases.map((earlier) => (
            <ListItem key={earlier.id} disableGutters>
              <ListItemText
                primary={
                  // A new tab: the call being recorded stays on the screen.
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
              {earlier.matchedBy.map((by) => (
                <Chip key={by} size="small" label={translate(`civicflow.calls.matched_by.${by}`)} />
              ))}
            </ListItem>
          ))}
        </List>
      )}
    </Paper>
  );
};
