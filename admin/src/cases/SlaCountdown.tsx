import { useEffect, useState } from 'react';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { isOpenStatus } from '../../../domain/cases/case-states';

interface SlaFacts {
  status: string;
  slaState: string | null;
  firstResponseDueAt?: string | null;
  resolutionDueAt: string | null;
}

/** Open and past its resolution deadline: what the "overdue" filter of the API means too. */
export function isOverdue(record: SlaFacts, now = Date.now()): boolean {
  return (
    isOpenStatus(record.status) &&
    record.resolutionDueAt !== null &&
    new Date(record.resolutionDueAt).getTime() < now
  );
}

/** "2 d 3 h", "3 h 20 min", "12 min": as precise as a person needs at that distance. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}

export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const Deadline = ({
  label,
  dueAt,
  paused,
  done,
  now,
}: {
  label: string;
  dueAt: string | null | undefined;
  paused: boolean;
  done: boolean;
  now: number;
}) => {
  const translate = useTranslate();
  if (!dueAt) {
    return (
      <Typography variant="body2" color="text.secondary">
        {label}: {translate('civicflow.case.sla.none')}
      </Typography>
    );
  }
  const left = new Date(dueAt).getTime() - now;
  const breached = left < 0;
  const text = done
    ? translate('civicflow.case.sla.done')
    : paused
      ? translate('civicflow.case.sla.paused')
      : breached
        ? translate('civicflow.case.sla.overdue', { time: formatDuration(left) })
        : translate('civicflow.case.sla.left', { time: formatDuration(left) });
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} data-deadline={label}>
      <Typography variant="body2" sx={{ minWidth: 150 }}>
        {label}
      </Typography>
      <Chip
        size="small"
        label={text}
        color={
          done ? 'default' : paused ? 'info' : breached ? 'error' : left < 3_600_000 ? 'warning' : 'success'
        }
        variant={breached && !done && !paused ? 'filled' : 'outlined'}
        data-breached={breached && !done && !paused ? 'true' : 'false'}
      />
      <Typography variant="caption" color="text.secondary">
        {new Date(dueAt).toLocaleString()}
      </Typography>
    </Stack>
  );
};

/**
 * The case's two SLA deadlines as time left (or overdue), red once breached, ticking every
 * 30 seconds. While the case waits for the resident the clock is paused.
 */
export const SlaCountdown = ({ record }: { record: SlaFacts & { escalationLevel: number } }) => {
  const translate = useTranslate();
  const now = useNow(30_000);
  const open = isOpenStatus(record.status);
  const paused = record.slaState === 'PAUSED';
  // The first response is given once the unit accepts (or the case has moved past that).
  const responded = !['NEW', 'TRIAGE', 'FORWARDED'].includes(record.status);
  return (
    <Stack spacing={1} data-sla={record.slaState ?? 'none'}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" sx={{ minWidth: 150 }}>
          {translate('resources.cases.fields.slaState')}
        </Typography>
        <Chip
          size="small"
          label={record.slaState ? translate(`civicflow.case.sla_state.${record.slaState}`) : '—'}
          color={
            record.slaState === 'BREACHED' ? 'error' : record.slaState === 'AT_RISK' ? 'warning' : 'default'
          }
        />
        {record.escalationLevel > 0 && (
          <Chip
            size="small"
            color="error"
            variant="outlined"
            label={translate('civicflow.case.escalation_level', { level: record.escalationLevel })}
          />
        )}
      </Stack>
      <Deadline
        label={translate('resources.cases.fields.firstResponseDueAt')}
        dueAt={record.firstResponseDueAt}
        paused={paused}
        done={!open || responded}
        now={now}
      />
      <Deadline
        label={translate('resources.cases.fields.resolutionDueAt')}
        dueAt={record.resolutionDueAt}
        paused={paused}
        done={!open}
        now={now}
      />
    </Stack>
  );
};

/**
 * The list's "time left" cell: time until the resolution deadline or overdue by, coloured by the
 * SLA state (past the deadline counts as breached even before the workflow records it). Filled
 * chips keep their theme colours readable: dark text on the light warning colour, white on red.
 */
export const TimeLeft = ({ record }: { record: SlaFacts & { escalationLevel?: number } }) => {
  const translate = useTranslate();
  const now = useNow(30_000);
  if (!record.resolutionDueAt || !isOpenStatus(record.status)) {
    return (
      <Typography variant="body2" color="text.secondary" data-time-left="none">
        —
      </Typography>
    );
  }
  const left = new Date(record.resolutionDueAt).getTime() - now;
  const state =
    record.slaState === 'PAUSED'
      ? 'PAUSED'
      : left < 0 || record.slaState === 'BREACHED'
        ? 'BREACHED'
        : record.slaState === 'AT_RISK'
          ? 'AT_RISK'
          : 'ON_TRACK';
  const text =
    state === 'PAUSED'
      ? translate('civicflow.case.sla.paused_short')
      : left < 0
        ? translate('civicflow.case.sla.overdue', { time: formatDuration(left) })
        : translate('civicflow.case.sla.left', { time: formatDuration(left) });
  const sx = {
    BREACHED: { bgcolor: 'error.main', color: 'error.contrastText' },
    AT_RISK: { bgcolor: 'warning.light', color: 'text.primary' },
    ON_TRACK: { borderColor: 'success.main', color: 'success.dark' },
    PAUSED: { color: 'text.secondary' },
  }[state];
  return (
    <Chip
      size="small"
      label={text}
      variant={state === 'ON_TRACK' || state === 'PAUSED' ? 'outlined' : 'filled'}
      title={[
        translate(`civicflow.case.sla_state.${state}`),
        record.escalationLevel
          ? translate('civicflow.case.escalation_level', { level: record.escalationLevel })
          : null,
        new Date(record.resolutionDueAt).toLocaleString(),
      ]
        .filter(Boolean)
        .join(' · ')}
      data-time-left={state}
      sx={{ ...sx, fontWeight: 500 }}
    />
  );
};
