import {
  Box,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { Ratings, RatingFigures } from '../../../api/back-office/statistics/statistics.schemas';
import { CsvButton } from './CsvButton';
import { useKeyLabel, useUnitNames } from './labels';
import { Panel } from './Panel';
import type { StatisticsQuery } from './statisticsApi';
import { useStatistics } from './useStatistics';

/** Units and events shown; the CSV has them all. */
const MAX_ROWS = 8;

/**
 * Residents' ratings of resolved cases in the period: the mean score and how the scores spread,
 * then per unit (the one that had the case when it was rated) and the most rated events.
 */
export const RatingsPanel = ({ query }: { query: StatisticsQuery }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const names = useUnitNames();
  const eventLabel = useKeyLabel('event');
  const state = useStatistics<Ratings>('ratings', query);
  const data = state.data;
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`civicflow.dashboard.ratings.${key}`, options);
  const average = (figures: RatingFigures) =>
    figures.average === null
      ? '–'
      : figures.average.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const largest = Math.max(1, ...(data?.total.distribution.map((d) => d.count) ?? []));
  const breakdown = (
    rows: { key: string; label: string; figures: RatingFigures }[],
    heading: string,
    testId: string,
  ) => (
    <Table size="small" data-testid={testId}>
      <TableHead>
        <TableRow>
          <TableCell>{heading}</TableCell>
          <TableCell align="right">{t('count')}</TableCell>
          <TableCell align="right">{t('average')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.slice(0, MAX_ROWS).map((row) => (
          <TableRow key={row.key}>
            <TableCell>{row.label}</TableCell>
            <TableCell align="right">{row.figures.count.toLocaleString(locale)}</TableCell>
            <TableCell align="right">{average(row.figures)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
  return (
    <Panel
      title={t('title')}
      loading={state.loading}
      error={state.error}
      testId="ratings"
      action={<CsvButton path="ratings" query={query} name={t('title')} />}
    >
      {data && data.total.count === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 4, textAlign: 'center' }}>
          {t('empty')}
        </Typography>
      ) : data ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr 1fr' }, gap: 2 }}>
          <Box>
            <Typography variant="h4" component="p" sx={{ fontWeight: 600 }} data-testid="ratings-average">
              {average(data.total)}
              <Typography component="span" variant="body1" color="text.secondary">
                {' / 5'}
              </Typography>
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {t('summary', {
                smart_count: data.total.count,
                count: data.total.count.toLocaleString(locale),
              })}
            </Typography>
            {[...data.total.distribution].reverse().map(({ score, count }) => (
              <Box key={score} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <Typography variant="body2" sx={{ width: 56 }}>
                  {t('score', { score })}
                </Typography>
                <LinearProgress
                  variant="determinate"
                  value={(count / largest) * 100}
                  aria-label={t('score', { score })}
                  sx={{ flex: 1, height: 8, borderRadius: 1 }}
                />
                <Typography variant="body2" sx={{ width: 40, textAlign: 'right' }}>
                  {count.toLocaleString(locale)}
                </Typography>
              </Box>
            ))}
          </Box>
          {breakdown(
            data.units.map((unit) => ({
              key: unit.unitCode ?? '',
              label:
                (unit.unitCode && (names.get(unit.unitCode) ?? unit.unitName ?? unit.unitCode)) ??
                translate('civicflow.dashboard.none'),
              figures: unit,
            })),
            t('unit'),
            'ratings-units',
          )}
          {breakdown(
            data.events.map((event) => ({
              key: event.eventCode ?? '',
              label: eventLabel(event.eventCode),
              figures: event,
            })),
            t('event'),
            'ratings-events',
          )}
        </Box>
      ) : null}
    </Panel>
  );
};
