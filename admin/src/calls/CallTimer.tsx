import { useEffect, useRef, useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';

export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** "3:05", "185" or "1:02:03" as seconds; null when it is none of these. */
export function parseDuration(text: string): number | null {
  const parts = text.trim().split(':');
  if (parts.length > 3 || parts.some((part) => !/^\d+$/.test(part))) return null;
  return parts.reduce((total, part) => total * 60 + Number(part), 0);
}

export interface CallTimerState {
  startedAt: Date;
  /** The call's length as the form will send it, or null while the clerk's text is not a duration. */
  durationSeconds(): number | null;
  stop(): void;
}

/**
 * The call's clock: starts when the form opens, shows the running time, and stops when the clerk
 * ends the call, saves, or types a length of their own (a call taken before opening the form).
 */
export function useCallTimer(): CallTimerState & {
  seconds: number;
  running: boolean;
  text: string | null;
  setText(text: string): void;
  toggle(): void;
} {
  const startedAt = useRef(new Date()).current;
  const [seconds, setSeconds] = useState(0);
  const [running, setRunning] = useState(true);
  const [text, setTextState] = useState<string | null>(null);
  useEffect(() => {
    if (!running) return undefined;
    const tick = () => setSeconds(Math.round((Date.now() - startedAt.getTime()) / 1000));
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [running, startedAt]);
  return {
    startedAt,
    seconds,
    running,
    text,
    setText(value) {
      setRunning(false);
      setTextState(value);
    },
    toggle() {
      setTextState(null);
      setRunning((value) => !value);
    },
    stop: () => setRunning(false),
    durationSeconds: () => (text === null ? seconds : parseDuration(text)),
  };
}

export const CallTimer = ({
  timer,
  error,
}: {
  timer: ReturnType<typeof useCallTimer>;
  error: string | null;
}) => {
  const translate = useTranslate();
  const invalid = timer.text !== null && parseDuration(timer.text) === null;
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
      <TextField
        label={translate('resources.calls.fields.duration')}
        value={timer.text ?? formatDuration(timer.seconds)}
        // Editing freezes the clock first, so a tick never rewrites what the clerk is typing.
        onFocus={() => timer.running && timer.setText(formatDuration(timer.seconds))}
        onChange={(event) => timer.setText(event.target.value)}
        error={invalid || Boolean(error)}
        helperText={
          invalid || error
            ? (error ?? translate('civicflow.calls.duration_format'))
            : translate(timer.running ? 'civicflow.calls.timer_running' : 'civicflow.calls.timer_stopped')
        }
        size="small"
        slotProps={{ htmlInput: { 'data-testid': 'call-duration', inputMode: 'numeric' } }}
        sx={{ width: 220 }}
      />
      <Button variant="outlined" size="small" onClick={timer.toggle}>
        {translate(timer.running ? 'civicflow.calls.end_call' : 'civicflow.calls.resume_timer')}
      </Button>
      <Typography variant="body2" color="text.secondary">
        {timer.startedAt.toLocaleTimeString()}
      </Typography>
    </Stack>
  );
};
