import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import type { CaseSummary, Overview } from '../../../api/back-office/statistics/statistics.schemas';
import { OPEN_STATUSES } from '../../../domain/cases/case-states';
import { CsvButton } from './CsvButton';
import { useKeyLabel } from './labels';
import { Panel } from './Panel';
import type { StatisticsState } from './useStatistics';

const CaseTable = ({
  cases,
  overdue,
  showUnit,
}: {
  cases: CaseSummary[];
  overdue: boolean;
  showUnit: boolean;
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const eventLabel = useKeyLabel('event');
  const t = (key: string) => translate(`civicflow.dashboard.cases.${key}`);
  if (cases.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('empty')}
      </Typography>
    );
  }
  const when = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Warsaw',
  });
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" sx={{ '& th, & td': { px: 1 }, '& th': { whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('number')}</TableCell>
            {showUnit ? <TableCell>{t('unit')}</TableCell> : null}
            <TableCell>{t('event')}</TableCell>
            <TableCell>{t('due')}</TableCell>
            {overdue ? <TableCell align="right">{t('level')}</TableCell> : null}
          </TableRow>
        </TableHead>
        <TableBody>
          {cases.map((c) => (
            <TableRow key={c.id} hover>
              <TableCell>
                <Link to={`/cases/${c.id}/show`}>{c.number}</Link>
              </TableCell>
              {showUnit ? <TableCell>{c.unitCode ?? '–'}</TableCell> : null}
              <TableCell
                sx={{ maxWidth: 140, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
              >
                {eventLabel(c.eventCode)}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {c.resolutionDueAt ? when.format(new Date(c.resolutionDueAt)) : '–'}
              </TableCell>
              {overdue ? <TableCell align="right">{c.escalationLevel}</TableCell> : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

/** The ten open cases nearest their deadline and the ten longest overdue, each linking to the case. */
export const CaseTables = ({
  overview,
  unitCode,
}: {
  overview: StatisticsState<Overview>;
  unitCode: string | null;
}) => {
  const translate = useTranslate();
  const listLink = (slaState: string) =>
    `/cases?filter=${encodeURIComponent(
      JSON.stringify({ slaState, status: OPEN_STATUSES, ...(unitCode ? { unitCode } : {}) }),
    )}`;
  const panel = (slaState: 'AT_RISK' | 'BREACHED', title: string, cases: CaseSummary[] | undefined) => (
    <Panel
      title={title}
      loading={overview.loading}
      testId={slaState === 'AT_RISK' ? 'cases-at-risk' : 'cases-breached'}
      action={
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Link to={listLink(slaState)} variant="body2">
            {translate('civicflow.dashboard.cases.show_all')}
          </Link>
          <CsvButton path="open-cases" query={{ unitCode, slaState }} name={title} />
        </Box>
      }
    >
      {cases ? <CaseTable cases={cases} overdue={slaState === 'BREACHED'} showUnit={!unitCode} /> : null}
    </Panel>
  );
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
      {panel('BREACHED', translate('civicflow.dashboard.cases.breached'), overview.data?.breached)}
      {panel('AT_RISK', translate('civicflow.dashboard.cases.at_risk'), overview.data?.atRisk)}
    </Box>
  );
};
