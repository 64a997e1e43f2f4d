import { Booking } from '../../db/entities';
import type { Orm } from '../../db/orm';
import type { BookingStatus } from '../../domain/bookings/booking-states';
import { PermanentFailure } from '../permanent-failure';

export interface RecordBookingStatusInput {
  bookingId: string;
  /** The statuses the booking may be in for the change to apply. */
  from: BookingStatus[];
  to: BookingStatus;
  at: string;
  reason?: string | null;
}

/** The timestamp column each status fills in when the booking reaches it. */
const STATUS_COLUMN: Partial<Record<BookingStatus, string>> = {
  CONFIRMED: 'confirmed_at',
  CHECKED_IN: 'checked_in_at',
  NO_SHOW: 'no_show_at',
  CANCELLED: 'cancelled_at',
  EXPIRED: 'expired_at',
  COMPLETED: 'completed_at',
};

/**
 * Projects a status change of the booking workflow; a change already made (a retry) is a success
 * that changes nothing. A booking that is missing or in another status fails for good.
 */
export async function recordBookingStatus(
  orm: Orm,
  input: RecordBookingStatusInput,
): Promise<{ changed: boolean }> {
  const em = orm.em.fork();
  const column = STATUS_COLUMN[input.to];
  const placeholders = input.from.map(() => '?').join(', ');
  const updated = await em.execute<{ id: string }[]>(
    `update bookings
        set status = ?, updated_at = now()${column ? `, ${column} = ?` : ''},
            cancel_reason = coalesce(?, cancel_reason)
      where id = ? and status in (${placeholders})
      returning id`,
    [
      input.to,
      ...(column ? [new Date(input.at)] : []),
      input.to === 'CANCELLED' ? (input.reason ?? null) : null,
      input.bookingId,
      ...input.from,
    ],
  );
  if (updated.length > 0) return { changed: true };
  const row = await em.findOne(Booking, { id: input.bookingId });
  if (!row) throw new PermanentFailure(`booking ${input.bookingId} does not exist`, 'BOOKING_NOT_FOUND');
  if (row.status === input.to) return { changed: false };
  throw new PermanentFailure(
    `booking ${row.reference} is ${row.status}, not ${input.from.join(' or ')}: cannot record ${input.to}`,
    'BOOKING_STATE_MISMATCH',
  );
}
