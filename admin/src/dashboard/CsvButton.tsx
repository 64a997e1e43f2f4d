import DownloadIcon from '@mui/icons-material/Download';
import { Button, CircularProgress } from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { useBackOfficeDataProvider } from '../dataProvider';
import { saveFile, type StatisticsQuery } from './statisticsApi';

/**
 * Downloads one statistics table as CSV, in the back office's one format (semicolons, Warsaw
 * times), with the names in the interface's language.
 */
export const CsvButton = ({ path, query, name }: { path: string; query: StatisticsQuery; name: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const dataProvider = useBackOfficeDataProvider();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      saveFile(await dataProvider.statisticsCsv(path, { ...query, lang: locale === 'en' ? 'en' : 'pl' }));
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
