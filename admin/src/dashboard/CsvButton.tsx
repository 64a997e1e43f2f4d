import DownloadIcon from '@mui/icons-material/Download';
import { Button, CircularProgress } from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { downloadStatisticsCsv, type StatisticsQuery } from './statisticsApi';

/** Downloads one statistics table as CSV; in Polish with semicolons, as Excel expects there. */
export const CsvButton = ({ path, query, name }: { path: string; query: StatisticsQuery; name: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadStatisticsCsv(path, { ...query, separator: locale === 'pl' ? 'semicolon' : 'comma' });
    } catch (error) {
      notify('civicflow.dashboard.csv.failed', {
        type: 'error',
        messageArgs: { message: error instanceof Error ? error.message : String(error) },
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      onClick={() => void download()}
      disabled={busy}
      startIcon={busy ? <CircularProgress size={14} /> : <DownloadIcon fontSize="small" />}
      aria-label={translate('civicflow.dashboard.csv.download_named', { name })}
      title={translate('civicflow.dashboard.csv.download_named', { name })}
      data-csv={path}
    >
      {translate('civicflow.dashboard.csv.download')}
    </Button>
  );
};
