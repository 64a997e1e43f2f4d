import { addDays, warsawToday } from '../../../domain/bookings/slots';
import { apiJson, postJson, withQuery } from '../http';

export type StaffBookingAction = 'check-in' | 'no-show';
/** Everything the day view may offer: the desk's own actions and the resident's, done for them. */
export type OfficeBookingAction = StaffBookingAction | 'cancel' | 'reschedule';

export interface FreeSlot {
  officeId: number;
  start: string;
  date: string;
  time: string;
  freeDesks: number;
}

/** How far ahead the move dialog offers slots. */
export const MOVE_DAYS_AHEAD = 14;

/** The booking desk's methods of the data provider (dataProvider.ts); a refusal is an HttpError. */
export const bookingMethods = {
  /** Checks a resident in or records a no-show. */
  runBookingAction: (bookingId: string, action: StaffBookingAction) =>
    postJson<Record<string, unknown>>(`/api/bookings/${bookingId}/${action}`),
  /** Cancels a visit on the resident's behalf; the resident is mailed as if they had cancelled it. */
  cancelBooking: (bookingId: string, reason: string) =>
    postJson<Record<string, unknown>>(`/api/bookings/${bookingId}/cancel`, { reason }),
  /** Moves a visit to another free slot; a slot taken meanwhile is a 409 whose body says SLOT_TAKEN. */
  rescheduleBooking: (bookingId: string, slotStart: string) =>
    postJson<Record<string, unknown>>(`/api/bookings/${bookingId}/reschedule`, { slotStart }),
  /** The free slots of a service at an office from today, as residents see them in the portal. */
  freeSlots: (serviceCode: string, officeId: number) => {
    const from = warsawToday(new Date());
    return apiJson<FreeSlot[]>(
      withQuery('/api/v1/bookings/slots', {
        service: serviceCode,
        office: officeId,
        from,
        to: addDays(from, MOVE_DAYS_AHEAD - 1),
      }),
    );
  },
};
