import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography, useTheme } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type {
  ContactsPerYear,
  OnTime,
  Volumes,
} from '../../../api/back-office/statistics/statistics.schemas';
import { CsvButton } from './CsvButton';
import { useKeyLabel, useUnitNames, type Dimension } from './labels';
import { Panel } from './Panel';
import type { Bucket } from './period';
import type { StatisticsQuery } from './statisticsApi';
import { useStatistics } from './useStatistics';

const SERIES_COLORS = [
  '#1565c0',
  '#2e7d32',
  '#ef6c00',
  '#6a1b9a',
  '#00838f',
  '#c62828',
  '#9e9d24',
  '#4e342e',
  '#ad1457',
  '#546e7a',
];

/** Series get stable keys: district names and codes are not safe as recharts data keys. */
const seriesKey = (index: number) => `s${index}`;

function usePeriodLabel(bucket: Bucket) {
  const [locale] = useLocaleState();
  const format = new Intl.DateTimeFormat(
    locale,
    bucket === 'month'
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { day: '2-digit', month: '2-digit', timeZone: 'UTC' },
  );
  return (period: string) => format.format(new Date(`${period}T00:00:00Z`));
}

const Empty = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ py: 4, textAlign: 'center' }}>
      {translate('civicflow.dashboard.volumes.empty')}
    </Typography>
  );
};

/** Cases filed per bucket, stacked by the dimension's largest values (the rest as "other"). */
export const VolumeChart = ({
  dimension,
  query,
  maxSeries = 8,
}: {
  dimension: Dimension;
  query: StatisticsQuery & { bucket: Bucket };
  maxSeries?: number;
}) => {
  const translate = useTranslate();
  const label = useKeyLabel(dimension);
  const periodLabel = usePeriodLabel(query.bucket);
  const state = useStatistics<Volumes>('volumes', { ...query, dimension });
  const data = state.data;
  const title = translate(`civicflow.dashboard.volumes.${dimension}`);
  const shown = data ? data.keys.slice(0, maxSeries) : [];
  const hasOther = data ? data.keys.length > maxSeries : false;
  const rows = data
    ? data.periods.map((period) => {
        const row: Record<string, string | number> = { period };
        shown.forEach((_, index) => (row[seriesKey(index)] = 0));
        if (hasOther) row.other = 0;
        for (const cell of data.rows.filter((r) => r.period === period)) {
          const index = shown.indexOf(cell.key);
          const key = index >= 0 ? seriesKey(index) : 'other';
          row[key] = Number(row[key]) + cell.count;
        }
        return row;
      })
    : [];
  return (
    <Panel
      title={title}
      loading={state.loading}
      error={state.error}
      testId={`volumes-${dimension}`}
      action={
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          {data ? (
            <Typography variant="body2" color="text.secondary">
              {translate('civicflow.dashboard.volumes.total', { count: data.total.toLocaleString() })}
            </Typography>
          ) : null}
          <CsvButton path="volumes" query={{ ...query, dimension }} name={title} />
        </Box>
      }
    >
      {data && data.total === 0 ? (
        <Empty />
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="period" tickFormatter={periodLabel} fontSize={11} minTickGap={12} />
            <YAxis allowDecimals={false} fontSize={11} width={48} />
            <Tooltip labelFormatter={(period) => periodLabel(String(period))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {shown.map((key, index) => (
              <Bar
                key={seriesKey(index)}
                dataKey={seriesKey(index)}
                name={label(key)}
                stackId="cases"
                fill={SERIES_COLORS[index % SERIES_COLORS.length]}
                isAnimationActive={false}
              />
            ))}
            {hasOther ? (
              <Bar
                dataKey="other"
                name={translate('civicflow.dashboard.other')}
                stackId="cases"
                fill="#9e9e9e"
                isAnimationActive={false}
              />
            ) : null}
          </BarChart>
        </ResponsiveContainer>
      )}
    </Panel>
  );
};

/** Totals of the period per value, largest first: districts, events. */
export const TotalsChart = ({
  dimension,
  query,
  limit = 12,
}: {
  dimension: Dimension;
  query: StatisticsQuery & { bucket: Bucket };
  limit?: number;
}) => {
  const translate = useTranslate();
  const label = useKeyLabel(dimension);
  const state = useStatistics<Volumes>('volumes', { ...query, dimension });
  const data = state.data;
  const title = translate(`civicflow.dashboard.volumes.${dimension}`);
  const rows = (data?.totals ?? []).slice(0, limit).map((total) => ({
    name: label(total.key),
    count: total.count,
    share: `${(total.share * 100).toFixed(1)}%`,
  }));
  return (
    <Panel
      title={title}
      loading={state.loading}
      error={state.error}
      testId={`totals-${dimension}`}
      action={<CsvButton path="volumes" query={{ ...query, dimension }} name={title} />}
    >
      {data && data.total === 0 ? (
        <Empty />
      ) : (
        <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 22 + 24)}>
          <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} fontSize={11} />
            <YAxis type="category" dataKey="name" width={150} fontSize={11} interval={0} />
            <Tooltip formatter={(value, _name, item) => [`${value} (${item.payload.share})`, title]} />
            <Bar dataKey="count" fill={SERIES_COLORS[0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </Panel>
  );
};

const rateColor = (rate: number) => (rate >= 0.9 ? '#2e7d32' : rate >= 0.75 ? '#ef6c00' : '#c62828');

/** Share of cases resolved before their deadline, per unit, worst first. */
export const OnTimeChart = ({ query }: { query: StatisticsQuery }) => {
  const translate = useTranslate();
  const names = useUnitNames();
  const state = useStatistics<OnTime>('on-time', query);
  const data = state.data;
  const t = (key: string) => translate(`civicflow.dashboard.on_time.${key}`);
  const rows = (data?.units ?? [])
    .filter((unit) => unit.onTimeRate !== null)
    .map((unit) => ({
      name: unit.unitCode ?? translate('civicflow.dashboard.none'),
      fullName: (unit.unitCode && names.get(unit.unitCode)) ?? unit.unitName ?? unit.unitCode ?? '',
      rate: Math.round((unit.onTimeRate ?? 0) * 1000) / 10,
      onTime: unit.onTime,
      late: unit.late,
    }))
    .sort((a, b) => a.rate - b.rate);
  return (
    <Panel
      title={t('title')}
      loading={state.loading}
      error={state.error}
      testId="on-time"
      action={
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          {data?.total.onTimeRate !== null && data?.total.onTimeRate !== undefined ? (
            <Typography variant="body2" color="text.secondary" data-testid="on-time-total">
              {t('total')}: {(data.total.onTimeRate * 100).toFixed(1)}%
            </Typography>
          ) : null}
          <CsvButton path="on-time" query={query} name={t('title')} />
        </Box>
      }
    >
      {data && rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 4, textAlign: 'center' }}>
          {t('empty')}
        </Typography>
      ) : (
        <Box sx={{ maxHeight: 320, overflowY: 'auto' }}>
          <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 24 + 32)}>
            <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" domain={[0, 100]} unit="%" fontSize={11} />
              <YAxis type="category" dataKey="name" width={110} fontSize={11} interval={0} />
              <Tooltip
                labelFormatter={(_label, payload) => payload?.[0]?.payload.fullName ?? ''}
                formatter={(value, _name, item) => [
                  `${value}% (${t('on_time')}: ${item.payload.onTime}, ${t('late')}: ${item.payload.late})`,
                  t('rate'),
                ]}
              />
              <Bar dataKey="rate" isAnimationActive={false}>
                {rows.map((row) => (
                  <Cell key={row.name} fill={rateColor(row.rate / 100)} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </Box>
      )}
    </Panel>
  );
};

/** Contacts per calendar year by channel, with each channel's share: the city's yearly figures. */
export const ContactsPerYearChart = ({ unitCode }: { unitCode: string | null }) => {
  const translate = useTranslate();
  const theme = useTheme();
  const label = useKeyLabel('channel');
  const state = useStatistics<ContactsPerYear>('contacts-per-year', { unitCode });
  const data = state.data;
  const title = translate('civicflow.dashboard.contacts.title');
  const rows = (data?.years ?? []).map((year) => ({
    year: String(year.year),
    ...Object.fromEntries(year.byChannel.map((c) => [c.channel, c.count])),
  }));
  return (
    <Panel
      title={title}
      loading={state.loading}
      error={state.error}
      testId="contacts-per-year"
      action={<CsvButton path="contacts-per-year" query={{ unitCode }} name={title} />}
    >
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '2fr 3fr' }, gap: 2 }}>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="year" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} width={56} />
            <Tooltip />
            {(data?.channels ?? []).map((channel, index) => (
              <Bar
                key={channel}
                dataKey={channel}
                name={label(channel)}
                stackId="contacts"
                fill={SERIES_COLORS[index % SERIES_COLORS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" sx={{ '& td, & th': { px: 1, fontSize: theme.typography.body2.fontSize } }}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('civicflow.dashboard.contacts.year')}</TableCell>
                <TableCell align="right">{translate('civicflow.dashboard.contacts.total')}</TableCell>
                {(data?.channels ?? []).map((channel, index) => (
                  <TableCell key={channel} align="right">
                    <Box
                      component="span"
                      sx={{
                        display: 'inline-block',
                        width: 8,
                        height: 8,
                        mr: 0.5,
                        bgcolor: SERIES_COLORS[index % SERIES_COLORS.length],
                      }}
                    />
                    {label(channel)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {(data?.years ?? []).map((year) => (
                <TableRow key={year.year}>
                  <TableCell>{year.year}</TableCell>
                  <TableCell align="right">{year.total.toLocaleString()}</TableCell>
                  {year.byChannel.map((c) => (
                    <TableCell key={c.channel} align="right" title={c.count.toLocaleString()}>
                      {year.total ? `${(c.share * 100).toFixed(1)}%` : '–'}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </Box>
    </Panel>
  );
};
