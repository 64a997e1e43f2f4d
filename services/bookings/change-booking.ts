import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { SlotUnavailableError, bookableSlot, loadOfferings } from './booking-store';
import type { Booking } from '../../db/entities';
import { FINAL_BOOKING_STATUSES, type BookingAction } from '../../domain/bookings/booking-states';
import { AppError } from '../../domain/errors';
import type { BookingActionRequest, BookingActor } from '../../workflows/booking.messages';
import { runBookingAction } from './run-booking-action';

/**
 * Changes a booking through its workflow, whoever asks: the resident with the token or a clerk on
 * the resident's behalf. A finished booking is refused here, before its closed workflow is asked.
 */
export async function changeBooking(
  temporal: Client,
  row: Booking,
  request: BookingActionRequest,
): Promise<void> {
  refuseFinished(row, request.action);
  await runBookingAction(temporal, row.id, request);
}

function refuseFinished(row: Booking, action: BookingAction): void {
  if (FINAL_BOOKING_STATUSES.includes(row.status)) {
    throw new AppError(
      'INVALID_TRANSITION',
      `The booking is ${row.status.toLowerCase()} and takes no more changes`,
      { action },
    );
  }
}

/**
 * The reschedule a move onto `slotStart` (at `officeId`, or the booking's own office) asks for.
 * Checked here too, so a slot outside the schedule is a 422 naming the field before the workflow is asked.
 */
export async function rescheduleRequest(
  em: EntityManager,
  row: Booking,
  move: { slotStart: string; officeId?: number },
  actor: BookingActor,
): Promise<BookingActionRequest> {
  refuseFinished(row, 'reschedule');
  const officeId = move.officeId ?? row.officeId;
  const slotStart = new Date(move.slotStart);
  if (officeId === row.officeId && slotStart.getTime() === row.slotStart.getTime()) {
    throw new AppError('UNPROCESSABLE', 'The booking is already at this time', {
      fields: [{ field: 'slotStart', message: "is the booking's current slot" }],
    });
  }
  const [offering] = await loadOfferings(em, { serviceId: row.serviceId, officeId });
  if (!offering) {
    throw new AppError('UNPROCESSABLE', `Office ${officeId} does not offer this service`, {
      fields: [{ field: 'officeId', message: 'does not offer the booked service' }],
    });
  }
  try {
    bookableSlot(offering, slotStart, new Date());
  } catch (error) {
    if (error instanceof SlotUnavailableError) {
      throw new AppError('UNPROCESSABLE', error.message, {
        fields: [{ field: 'slotStart', message: error.message }],
      });
    }
    throw error;
  }
  return { action: 'reschedule', actor, officeId, slotStart: slotStart.toISOString() };
}
