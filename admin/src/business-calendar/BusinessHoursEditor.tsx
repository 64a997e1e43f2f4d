import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useNotify, usePermissions, useTranslate, type HttpError } from 'react-admin';
import { useBackOfficeDataProvider } from '../dataProvider';
import type { WeekdayHours } from './calendarApi';

/** What a newly opened weekday starts with: the usual hours of a Polish city office. */
const USUAL_HOURS = { opens: '08:00', closes: '16:00' };

/**
 * Office hours per weekday. Administrators change them (all seven days in one save); managers read
 * them. The server checks the times and names the field of any problem, shown next to the input.
 */
export const BusinessHoursEditor = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useBackOfficeDataProvider();
  const { permissions } = usePermissions<string>();
  const canWrite = permissions === 'ADMIN';
  const [hours, setHours] = useState<WeekdayHours[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    dataProvider.businessHours().then(
      (loaded) => live && setHours(loaded),
      (error: Error) => notify(error.message, { type: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [dataProvider, notify]);

  if (!hours) return null;

  const change = (weekday: number, patch: Partial<WeekdayHours>) =>
    setHours(hours.map((row) => (row.weekday === weekday ? { ...row, ...patch } : row)));

  const save = async () => {
    setSaving(true);
    try {
      setHours(await dataProvider.saveBusinessHours(hours));
      setErrors({});
      notify('civicflow.businessCalendar.hours_saved', { type: 'success' });
    } catch (error) {
      const body = (error as HttpError).body as { errors?: Record<string, string> } | undefined;
      setErrors(body?.errors ?? {});
      notify((error as Error).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card sx={{ mt: 2 }} data-testid="business-hours">
      <CardContent>
        <Typography variant="h6">{translate('civicflow.businessCalendar.hours_title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('civicflow.businessCalendar.hours_help')}
        </Typography>
        {errors.hours && <Alert severity="error">{errors.hours}</Alert>}
        <Table size="small" sx={{ maxWidth: 640 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('civicflow.businessCalendar.weekday')}</TableCell>
              <TableCell>{translate('civicflow.businessCalendar.open')}</TableCell>
              <TableCell>{translate('resources.calendar-days.fields.opens')}</TableCell>
              <TableCell>{translate('resources.calendar-days.fields.closes')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {hours.map((row, index) => {
              const open = row.opens !== null || row.closes !== null;
              const fieldError = (field: 'opens' | 'closes') =>
                errors[`hours.${index}.${field}`] ?? errors[`hours.${index}.weekday`];
              return (
                <TableRow key={row.weekday} data-weekday={row.weekday}>
                  <TableCell>{translate(`civicflow.businessCalendar.weekdays.${row.weekday}`)}</TableCell>
                  <TableCell>
                    <Switch
                      checked={open}
                      disabled={!canWrite}
                      onChange={(_event, checked) =>
                        change(row.weekday, checked ? USUAL_HOURS : { opens: null, closes: null })
                      }
                      slotProps={{ input: { 'aria-label': translate('civicflow.businessCalendar.open') } }}
                    />
                  </TableCell>
                  {(['opens', 'closes'] as const).map((field) => (
                    <TableCell key={field}>
                      {open ? (
                        <TextField
                          size="small"
                          value={row[field] ?? ''}
                          disabled={!canWrite}
                          placeholder="HH:MM"
                          name={`hours.${row.weekday}.${field}`}
                          onChange={(event) => change(row.weekday, { [field]: event.target.value })}
                          error={Boolean(fieldError(field))}
                          helperText={fieldError(field)}
                          sx={{ width: 120 }}
                        />
                      ) : (
                        <Typography color="text.secondary">
                          {translate('civicflow.businessCalendar.closed')}
                        </Typography>
                      )}
                    </TableCell>
                  ))}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        {canWrite && (
          <Stack direction="row" sx={{ mt: 2 }}>
            <Button variant="contained" onClick={() => void save()} disabled={saving}>
              {translate('civicflow.businessCalendar.save_hours')}
            </Button>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};
