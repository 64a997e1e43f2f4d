import { Box, Typography } from '@mui/material';
import { Title, useLocaleState, useStore, useTranslate } from 'react-admin';
import type { Overview } from '../../../api/back-office/statistics/statistics.schemas';
import { CaseTables } from './CaseTables';
import { ContactsPerYearChart, OnTimeChart, TotalsChart, VolumeChart } from './charts';
import { DashboardFilters } from './DashboardFilters';
import { FigureCards } from './FigureCards';
import { RatingsPanel } from './RatingsPanel';
import { useUnitNames } from './labels';
import { current, presetPeriod, type DashboardPeriod } from './period';
import { useStatistics } from './useStatistics';

/** Figures move while a manager watches: breaches happen at any minute. */
const OVERVIEW_REFRESH_MS = 30_000;

/** Managers' and administrators' home: the figures, tables and charts, refreshed as they watch. */
export const StatisticsDashboard = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [storedPeriod, setPeriod] = useStore<DashboardPeriod>(
    'civicflow.dashboard.period',
    presetPeriod('last_30_days'),
  );
  const [unitCode, setUnitCode] = useStore<string | null>('civicflow.dashboard.unit', null);
  const units = useUnitNames();
  const period = current(storedPeriod);
  const overview = useStatistics<Overview>('overview', { unitCode }, OVERVIEW_REFRESH_MS);
  const valid = period.from <= period.to;
  const periodQuery = { unitCode, from: period.from, to: period.to };
  const volumeQuery = { ...periodQuery, bucket: period.bucket };
  const refreshed = overview.data
    ? new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(new Date(overview.data.generatedAt))
    : null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, py: 2 }} data-testid="dashboard">
      <Title title="civicflow.dashboard.title" />
      <Box
        sx={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', flexWrap: 'wrap' }}
      >
        <Typography variant="h5" component="h1">
          {translate('civicflow.dashboard.title')}
        </Typography>
        {refreshed ? (
          <Typography variant="body2" color="text.secondary">
            {translate('civicflow.dashboard.refreshed', { time: refreshed })}
          </Typography>
        ) : null}
      </Box>
      <DashboardFilters
        period={period}
        onPeriodChange={setPeriod}
        unitCode={unitCode}
        onUnitChange={setUnitCode}
        units={units}
      />
      <FigureCards overview={overview} unitCode={unitCode} />
      <CaseTables overview={overview} unitCode={unitCode} />
      {valid ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
          <VolumeChart dimension="channel" query={volumeQuery} />
          <VolumeChart dimension="kind" query={volumeQuery} />
          <TotalsChart dimension="district" query={volumeQuery} limit={18} />
          <TotalsChart dimension="event" query={volumeQuery} limit={10} />
          <OnTimeChart query={periodQuery} />
          <VolumeChart dimension="unit" query={volumeQuery} maxSeries={6} />
          <Box sx={{ gridColumn: '1 / -1' }}>
            <RatingsPanel query={periodQuery} />
          </Box>
          <Box sx={{ gridColumn: '1 / -1' }}>
            <ContactsPerYearChart unitCode={unitCode} />
          </Box>
        </Box>
      ) : null}
    </Box>
  );
};
