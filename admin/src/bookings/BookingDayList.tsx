import { useEffect, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import {
  DataTable,
  DateInput,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { BOOKING_STATUSES, type BookingStatus } from '../../../domain/bookings/booking-states';
import { warsawToday } from '../../../domain/bookings/slots';
import { CancelBookingDialog, MoveBookingDialog, type ChangeableBooking } from './BookingChangeDialogs';
import { useBackOfficeDataProvider } from '../dataProvider';
import type { OfficeBookingAction, StaffBookingAction } from './bookingActions';

interface BookingRecord extends ChangeableBooking {
  status: BookingStatus;
  availableActions: OfficeBookingAction[];
}

const STATUS_COLORS: Partial<Record<BookingStatus, 'default' | 'primary' | 'success' | 'warning' | 'error'>> =
  {
    HELD: 'warning',
    CONFIRMED: 'primary',
    CHECKED_IN: 'success',
    COMPLETED: 'success',
    NO_SHOW: 'error',
  };

/** The desk sees new bookings and the colleagues' check-ins without reloading. */
const REFRESH_MS = 30_000;

const StatusChip = () => {
  const record = useRecordContext<BookingRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      color={STATUS_COLORS[record.status] ?? 'default'}
      label={translate(`civicflow.bookings.status.${record.status}`)}
      data-status={record.status}
    />
  );
};

const VisitActions = () => {
  const record = useRecordContext<BookingRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useBackOfficeDataProvider();
  const { mutate: act, isPending: pending } = useMutation({
    mutationFn: ({ booking, action }: { booking: BookingRecord; action: StaffBookingAction }) =>
      dataProvider.runBookingAction(booking.id, action),
    onSuccess: (_, { booking, action }) => {
      notify(
        action === 'check-in' ? 'civicflow.bookings.checked_in' : 'civicflow.bookings.no_show_recorded',
        {
          type: 'success',
          messageArgs: { name: booking.contactName },
        },
      );
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error' }),
  });
  const [dialog, setDialog] = useState<'cancel' | 'reschedule' | null>(null);
  if (!record) return null;

  return (
    <Stack direction="row" spacing={1}>
      {record.availableActions.includes('check-in') && (
        <Button
          size="small"
          variant="contained"
          disabled={pending}
          onClick={() => act({ booking: record, action: 'check-in' })}
          data-action="check-in"
        >
          {translate('civicflow.bookings.check_in')}
        </Button>
      )}
      {record.availableActions.includes('no-show') && (
        <Button
          size="small"
          color="error"
          disabled={pending}
          onClick={() => act({ booking: record, action: 'no-show' })}
          data-action="no-show"
        >
          {translate('civicflow.bookings.no_show')}
        </Button>
      )}
      {record.availableActions.includes('reschedule') && (
        <Button
          size="small"
          disabled={pending}
          onClick={() => setDialog('reschedule')}
          data-action="reschedule"
        >
          {translate('civicflow.bookings.move')}
        </Button>
      )}
      {record.availableActions.includes('cancel') && (
        <Button
          size="small"
          color="warning"
          disabled={pending}
          onClick={() => setDialog('cancel')}
          data-action="cancel"
        >
          {translate('civicflow.bookings.cancel')}
        </Button>
      )}
      {dialog === 'cancel' && <CancelBookingDialog booking={record} onClose={() => setDialog(null)} />}
      {dialog === 'reschedule' && <MoveBookingDialog booking={record} onClose={() => setDialog(null)} />}
    </Stack>
  );
};

/** One office's day: who comes when, to which desk, and whether they came. */
export const BookingDayList = () => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const { permissions } = usePermissions<string>();
  useEffect(() => {
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const filters = [
    <ReferenceInput
      key="officeId"
      source="officeId"
      reference="booking-offices"
      alwaysOn
      sort={{ field: 'name', order: 'ASC' }}
    >
      <SelectInput optionText="name" label="civicflow.bookings.office" />
    </ReferenceInput>,
    <DateInput key="date" source="date" label="civicflow.bookings.date" alwaysOn />,
    <SelectInput
      key="status"
      source="status"
      choices={BOOKING_STATUSES.map((id) => ({ id, name: translate(`civicflow.bookings.status.${id}`) }))}
    />,
    <SearchInput key="q" source="q" />,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={{ date: warsawToday(new Date()) }}
      sort={{ field: 'slotStart', order: 'ASC' }}
      perPage={100}
      title="civicflow.bookings.day_view"
    >
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="slotStart" render={(record) => record.time} />
        <DataTable.Col source="officeName" disableSort />
        <DataTable.Col source="serviceName" disableSort />
        <DataTable.Col source="desk" disableSort />
        <DataTable.Col source="contactName" disableSort />
        <DataTable.Col source="contactPhone" disableSort />
        <DataTable.Col source="reference" />
        <DataTable.Col source="status">
          <StatusChip />
        </DataTable.Col>
        {permissions === 'ADMIN' || permissions === 'CLERK' ? (
          <DataTable.Col>
            <VisitActions />
          </DataTable.Col>
        ) : null}
      </DataTable>
    </List>
  );
};
