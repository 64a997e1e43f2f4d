import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import MuiTextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import type { ChatMessage } from './chatsApi';

/** A reply sent and not yet back from the server as a message of the transcript. */
export interface Pending {
  clientId: string;
  text: string;
}

/** The conversation so far, and the clerk's replies still on their way (shown faded). */
export const Transcript = ({ messages, pending }: { messages: ChatMessage[]; pending: Pending[] }) => {
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

/** The clerk's reply: Enter sends, Shift+Enter starts a new line. */
export const ReplyBox = ({ onSend }: { onSend: (text: string) => Promise<void> }) => {
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
