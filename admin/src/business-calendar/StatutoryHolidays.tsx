import { useEffect, useState } from 'react';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useListContext, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { useBackOfficeDataProvider } from '../dataProvider';
import type { StatutoryHoliday } from './calendarApi';

/**
 * The statutory holidays of the year the list shows. They follow from the law (computed by the
 * server, Easter included), so they are only shown, never edited.
 */
export const StatutoryHolidays = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useBackOfficeDataProvider();
  const [locale] = useLocaleState();
  const { filterValues } = useListContext();
  const year = Number(filterValues.year) || new Date().getFullYear();
  const [holidays, setHolidays] = useState<StatutoryHoliday[]>([]);

  useEffect(() => {
    let live = true;
    dataProvider.statutoryHolidays(year).then(
      (loaded) => live && setHolidays(loaded),
      (error: Error) => notify(error.message, { type: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [dataProvider, year, notify]);

  return (
    <Card sx={{ ml: { md: 2 }, mt: { xs: 2, md: 0 }, minWidth: 300, alignSelf: 'flex-start' }}>
      <CardContent data-testid="statutory-holidays">
        <Typography variant="h6">
          {translate('civicflow.businessCalendar.holidays_title', { year })}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('civicflow.businessCalendar.holidays_help')}
        </Typography>
        <Table size="small">
          <TableBody>
            {holidays.map((holiday) => (
              <TableRow key={holiday.date}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{holiday.date}</TableCell>
                <TableCell>
                  {translate(`civicflow.businessCalendar.weekdays_short.${holiday.weekday}`)}
                </TableCell>
                <TableCell>{locale === 'en' ? holiday.nameEn : holiday.name}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
};
