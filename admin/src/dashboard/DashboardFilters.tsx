import { Box, FormControl, InputLabel, MenuItem, Select, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import {
  BUCKETS,
  PRESETS,
  allowedBuckets,
  customPeriod,
  daysIn,
  presetPeriod,
  type Bucket,
  type DashboardPeriod,
  type Preset,
} from './period';

/** Period, bucket and unit of the dashboard's charts. */
export const DashboardFilters = ({
  period,
  onPeriodChange,
  unitCode,
  onUnitChange,
  units,
}: {
  period: DashboardPeriod;
  onPeriodChange: (period: DashboardPeriod) => void;
  unitCode: string | null;
  onUnitChange: (unitCode: string | null) => void;
  units: Map<string, string>;
}) => {
  const translate = useTranslate();
  const t = (key: string) => translate(`civicflow.dashboard.period.${key}`);
  const reversed = period.from > period.to;
  const allowed = reversed ? [] : allowedBuckets(daysIn(period));
  const setDay = (which: 'from' | 'to', day: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    const next = { ...period, [which]: day };
    if (next.from > next.to) onPeriodChange({ ...next, preset: 'custom' });
    else onPeriodChange(customPeriod(next.from, next.to, period.bucket));
  };
  return (
    <Box
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'center' }}
      data-testid="dashboard-filters"
    >
      <FormControl size="small" fullWidth={false} sx={{ width: 260 }}>
        <InputLabel id="dashboard-unit" shrink>
          {translate('civicflow.dashboard.scope')}
        </InputLabel>
        <Select
          labelId="dashboard-unit"
          label={translate('civicflow.dashboard.scope')}
          value={unitCode ?? ''}
          onChange={(event) => onUnitChange(event.target.value ? String(event.target.value) : null)}
          displayEmpty
          MenuProps={{ slotProps: { paper: { sx: { maxHeight: 420 } } } }}
          data-testid="dashboard-unit"
        >
          <MenuItem value="">{translate('civicflow.dashboard.all_units')}</MenuItem>
          {[...units.entries()].map(([code, name]) => (
            <MenuItem key={code} value={code}>
              {code} · {name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl size="small" fullWidth={false} sx={{ width: 180 }}>
        <InputLabel id="dashboard-period">{t('label')}</InputLabel>
        <Select
          labelId="dashboard-period"
          label={t('label')}
          value={period.preset}
          onChange={(event) => {
            const preset = event.target.value as Preset;
            onPeriodChange(preset === 'custom' ? { ...period, preset } : presetPeriod(preset));
          }}
          data-testid="dashboard-period"
        >
          {PRESETS.map((preset) => (
            <MenuItem key={preset} value={preset}>
              {t(preset)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <TextField
        size="small"
        fullWidth={false}
        sx={{ width: 160 }}
        type="date"
        label={t('from')}
        value={period.from}
        onChange={(event) => setDay('from', event.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
        error={reversed}
      />
      <TextField
        size="small"
        fullWidth={false}
        sx={{ width: 160 }}
        type="date"
        label={t('to')}
        value={period.to}
        onChange={(event) => setDay('to', event.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
        error={reversed}
      />
      <FormControl size="small" fullWidth={false} sx={{ width: 110 }}>
        <InputLabel id="dashboard-bucket">{t('bucket')}</InputLabel>
        <Select
          labelId="dashboard-bucket"
          label={t('bucket')}
          value={period.bucket}
          onChange={(event) => onPeriodChange({ ...period, bucket: event.target.value as Bucket })}
        >
          {BUCKETS.map((bucket) => (
            <MenuItem key={bucket} value={bucket} disabled={!allowed.includes(bucket)}>
              {t(bucket)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {reversed ? (
        <Typography variant="body2" color="error">
          {t('invalid')}
        </Typography>
      ) : null}
    </Box>
  );
};
