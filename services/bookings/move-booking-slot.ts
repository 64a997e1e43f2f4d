import type { Orm } from '../../db/orm';
import type { BookingSlot } from '../../workflows/booking.messages';
import { SlotTakenError, SlotUnavailableError, moveBooking } from './booking-store';

export interface MoveBookingSlotInput {
  bookingId: string;
  officeId: number;
  slotStart: string;
}

export type MoveBookingSlotResult =
  | { moved: true; slot: BookingSlot }
  | { moved: false; refusal: 'SLOT_TAKEN' | 'SLOT_UNAVAILABLE'; message: string };

/**
 * Moves the booking to another slot in one transaction. A taken or impossible slot is an
 * answer, not a failure: the workflow refuses the reschedule with it.
 */
export async function moveBookingSlot(orm: Orm, input: MoveBookingSlotInput): Promise<MoveBookingSlotResult> {
  try {
    const slot = await moveBooking(orm.em.fork(), {
      bookingId: input.bookingId,
      officeId: input.officeId,
      slotStart: new Date(input.slotStart),
      now: new Date(),
    });
    return { moved: true, slot };
  } catch (error) {
    if (error instanceof SlotTakenError)
      return { moved: false, refusal: 'SLOT_TAKEN', message: error.message };
    if (error instanceof SlotUnavailableError) {
      return { moved: false, refusal: 'SLOT_UNAVAILABLE', message: error.message };
    }
    throw error;
  }
}
