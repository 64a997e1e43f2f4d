import { useEffect, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import Typography from '@mui/material/Typography';
import { useLocaleState, useNotify, useRefresh, useTranslate, type HttpError } from 'react-admin';
import { useBackOfficeDataProvider } from '../dataProvider';
import type { FreeSlot } from './bookingActions';

export interface ChangeableBooking {
  id: string;
  reference: string;
  contactName: string;
  officeId: number;
  serviceCode: string;
  serviceName: string;
  slotStart: string;
  date: string;
  time: string;
}

interface DialogProps {
  booking: ChangeableBooking;
  onClose: () => void;
}

/** Cancels a visit the resident called off by phone; the reason is what they said, kept with the booking. */
export const CancelBookingDialog = ({ booking, onClose }: DialogProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useBackOfficeDataProvider();
  const [reason, setReason] = useState('');
  const { mutate: submit, isPending: pending } = useMutation({
    mutationFn: () => dataProvider.cancelBooking(booking.id, reason.trim()),
    onSuccess: () => {
      notify('civicflow.bookings.cancelled', { type: 'success', messageArgs: { name: booking.contactName } });
      onClose();
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error' }),
  });

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="cancel-booking-title">
      <DialogTitle id="cancel-booking-title">
        {translate('civicflow.bookings.cancel_title', {
          reference: booking.reference,
          name: booking.contactName,
        })}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('civicflow.bookings.cancel_explanation', { date: booking.date, time: booking.time })}
        </Typography>
        <TextField
          name="reason"
          label={translate('civicflow.bookings.cancel_reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          required
          multiline
          minRows={2}
          fullWidth
          autoFocus
          slotProps={{ htmlInput: { maxLength: 1000 } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={pending}>
          {translate('civicflow.bookings.back')}
        </Button>
        <Button
          color="error"
          variant="contained"
          disabled={pending || reason.trim() === ''}
          onClick={() => submit()}
          data-confirm="cancel"
        >
          {translate('civicflow.bookings.cancel_confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

function groupByDay(slots: FreeSlot[]): [string, FreeSlot[]][] {
  const days = new Map<string, FreeSlot[]>();
  for (const slot of slots) days.set(slot.date, [...(days.get(slot.date) ?? []), slot]);
  return [...days.entries()];
}

/** Moves a visit to a free slot of the same service at the same office, picked from the coming days. */
export const MoveBookingDialog = ({ booking, onClose }: DialogProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useBackOfficeDataProvider();
  const [locale] = useLocaleState();
  const [slots, setSlots] = useState<FreeSlot[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<FreeSlot | null>(null);
  const [generation, setGeneration] = useState(0);
  const [day, setDay] = useState<string | null>(null);
  const days = groupByDay(slots ?? []);
  const shownDay = days.some(([date]) => date === day) ? day : (days[0]?.[0] ?? null);

  useEffect(() => {
    let current = true;
    dataProvider.freeSlots(booking.serviceCode, booking.officeId).then(
      (found) => {
        const now = Date.now();
        // The visit's own slot may still show a free desk; moving onto it changes nothing.
        if (current) {
          setSlots(
            found.filter(
              (slot) =>
                Date.parse(slot.start) > now && Date.parse(slot.start) !== Date.parse(booking.slotStart),
            ),
          );
        }
      },
      (error: unknown) => current && setLoadError((error as Error).message),
    );
    return () => {
      current = false;
    };
  }, [dataProvider, booking.serviceCode, booking.officeId, booking.slotStart, generation]);

  const dayLabel = (date: string) =>
    new Date(`${date}T12:00:00Z`).toLocaleDateString(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    });

  const { mutate: moveTo, isPending: pending } = useMutation({
    mutationFn: (slot: FreeSlot) => dataProvider.rescheduleBooking(booking.id, slot.start),
    onSuccess: (_, slot) => {
      notify('civicflow.bookings.moved', {
        type: 'success',
        messageArgs: { name: booking.contactName, date: dayLabel(slot.date), time: slot.time },
      });
      onClose();
      refresh();
    },
    onError: (error) => {
      const body = (error as HttpError).body as { reason?: string } | undefined;
      if (body?.reason === 'SLOT_TAKEN') {
        notify('civicflow.bookings.slot_taken', { type: 'warning' });
        setChosen(null);
        setSlots(null);
        setGeneration((n) => n + 1);
      } else {
        notify(error.message, { type: 'error' });
      }
    },
  });

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="move-booking-title">
      <DialogTitle id="move-booking-title">
        {translate('civicflow.bookings.move_title', {
          reference: booking.reference,
          name: booking.contactName,
        })}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('civicflow.bookings.move_explanation', {
            service: booking.serviceName,
            date: booking.date,
            time: booking.time,
          })}
        </Typography>
        {loadError && <Alert severity="error">{loadError}</Alert>}
        {!loadError && slots === null && <CircularProgress size={24} />}
        {slots?.length === 0 && (
          <Alert severity="info">{translate('civicflow.bookings.no_free_slots')}</Alert>
        )}
        {days.length > 0 && (
          <Stack spacing={2}>
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
              {days.map(([date, daySlots]) => (
                <ToggleButton
                  key={date}
                  value={date}
                  size="small"
                  selected={date === shownDay}
                  onChange={() => setDay(date)}
                  data-day={date}
                >
                  {`${dayLabel(date)} (${daySlots.length})`}
                </ToggleButton>
              ))}
            </Stack>
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
              {(days.find(([date]) => date === shownDay)?.[1] ?? []).map((slot) => (
                <ToggleButton
                  key={slot.start}
                  value={slot.start}
                  size="small"
                  color="primary"
                  selected={chosen?.start === slot.start}
                  onChange={() => setChosen(slot)}
                  data-slot={slot.start}
                >
                  {slot.time}
                </ToggleButton>
              ))}
            </Stack>
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={pending}>
          {translate('civicflow.bookings.back')}
        </Button>
        <Button
          variant="contained"
          disabled={pending || !chosen}
          onClick={() => chosen && moveTo(chosen)}
          data-confirm="move"
        >
          {chosen
            ? translate('civicflow.bookings.move_to', { date: dayLabel(chosen.date), time: chosen.time })
            : translate('civicflow.bookings.move')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
