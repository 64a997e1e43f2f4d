import { Box, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Overview } from '../../../api/back-office/statistics/statistics.schemas';
import { CsvButton } from './CsvButton';
import { Panel } from './Panel';
import type { StatisticsState } from './useStatistics';

const SLA_COLORS = {
  ON_TRACK: 'success.main',
  AT_RISK: 'warning.main',
  BREACHED: 'error.main',
  PAUSED: 'info.main',
  NONE: 'text.secondary',
} as const;

const Figure = ({
  label,
  value,
  color,
  testId,
}: {
  label?: string;
  value?: number;
  color?: string;
  testId: string;
}) => (
  <Box sx={{ minWidth: 88 }} data-testid={testId}>
    <Typography variant="h4" component="p" sx={{ color, fontWeight: 600, lineHeight: 1.2 }} data-value>
      {value === undefined ? '–' : value.toLocaleString()}
    </Typography>
    {label ? (
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    ) : null}
  </Box>
);

/**
 * Cases accepted but not yet taken up by a workflow: zero unless the workers are behind or
 * Temporal is away. Their deadlines run from acceptance, so a backlog is shown with its age.
 */
const Backlog = ({ waiting }: { waiting?: Overview['waitingForWorkflow'] }) => {
  const translate = useTranslate();
  const minutes = waiting?.oldestAcceptedAt
    ? Math.max(0, Math.floor((Date.now() - Date.parse(waiting.oldestAcceptedAt)) / 60_000))
    : null;
  return (
    <Tooltip title={translate('civicflow.dashboard.open.waiting_hint')} placement="bottom-start">
      <Box>
        <Figure
          label={translate('civicflow.dashboard.open.waiting')}
          value={waiting?.cases}
          color={waiting?.cases ? 'warning.main' : 'text.secondary'}
          testId="open-waiting"
        />
        {minutes === null ? null : (
          <Typography variant="caption" color="warning.main" data-testid="open-waiting-oldest">
            {translate('civicflow.dashboard.open.waiting_oldest', { smart_count: minutes })}
          </Typography>
        )}
      </Box>
    </Tooltip>
  );
};

/** Open cases by SLA state and the intake backlog; breaches and escalations today and this week. */
export const FigureCards = ({
  overview,
  unitCode,
}: {
  overview: StatisticsState<Overview>;
  unitCode: string | null;
}) => {
  const translate = useTranslate();
  const data = overview.data;
  const t = (key: string) => translate(`civicflow.dashboard.${key}`);
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '3fr 2fr' }, gap: 2 }}>
      <Panel
        title={t('open.title')}
        loading={overview.loading}
        error={overview.error}
        testId="open-by-sla"
        action={<CsvButton path="overview" query={{ unitCode }} name={t('open.title')} />}
      >
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 3 }}>
          <Figure label={t('open.total')} value={data?.open.total} testId="open-total" />
          {(Object.keys(SLA_COLORS) as (keyof typeof SLA_COLORS)[]).map((state) => (
            <Figure
              key={state}
              label={t(`open.${state}`)}
              value={data?.open.bySlaState[state]}
              color={SLA_COLORS[state]}
              testId={`open-${state}`}
            />
          ))}
          {unitCode ? null : <Backlog waiting={data?.waitingForWorkflow} />}
        </Box>
      </Panel>
      <Panel title={t('breaches.title')} loading={overview.loading} testId="breaches">
        <Tooltip title={t('breaches.hint')} placement="bottom-start">
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: 'auto 1fr 1fr',
              columnGap: 3,
              alignItems: 'baseline',
            }}
          >
            <span />
            <Typography variant="body2" color="text.secondary">
              {t('breaches.today')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('breaches.this_week')}
            </Typography>
            <Typography variant="body2">{t('breaches.title')}</Typography>
            <Figure value={data?.breaches.today} color="error.main" testId="breaches-today" />
            <Figure value={data?.breaches.thisWeek} color="error.main" testId="breaches-week" />
            <Typography variant="body2">{t('breaches.escalations')}</Typography>
            <Figure value={data?.escalations.today} color="error.dark" testId="escalations-today" />
            <Figure value={data?.escalations.thisWeek} color="error.dark" testId="escalations-week" />
          </Box>
        </Tooltip>
      </Panel>
    </Box>
  );
};
