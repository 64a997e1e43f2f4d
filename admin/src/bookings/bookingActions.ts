import { HttpError } from 'react-admin';
import { addDays, warsawToday } from '../../../domain/bookings/slots';
import { session } from '../session';

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

async function post(path: string, body?: unknown) {
  const response = await fetch(path, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${session.token() ?? ''}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok) throw new HttpError(json.message ?? response.statusText, response.status, json);
  return json;
}

/** Checks a resident in or records a no-show; refusals come back as HttpErrors with the server's message. */
export async function runBookingAction(bookingId: string, action: StaffBookingAction) {
  return post(`/api/bookings/${bookingId}/${action}`);
}

/** Cancels a visit on the resident's behalf; the resident is mailed as if they had cancelled it. */
export async function cancelBooking(bookingId: string, reason: string) {
  return post(`/api/bookings/${bookingId}/cancel`, { reason });
}

/** Moves a visit to another free slot; a slot taken meanwhile is a 409 whose body says SLOT_TAKEN. */
export async function rescheduleBooking(bookingId: string, slotStart: string) {
  return post(`/api/bookings/${bookingId}/reschedule`, { slotStart });
}

/** The free slots of a service at an office from today, as residents see them in the portal. */
export async function freeSlots(serviceCode: string, officeId: number): Promise<FreeSlot[]> {
  const from = warsawToday(new Date());
  const query = new URLSearchParams({
    service: serviceCode,
    office: String(officeId),
    from,
    to: addDays(from, MOVE_DAYS_AHEAD - 1),
  });
  const response = await fetch(`/api/v1/bookings/slots?${query.toString()}`);
  const json = (await response.json().catch(() => ({}))) as FreeSlot[] | { message?: string };
  if (!response.ok || !Array.isArray(json)) {
    const message = Array.isArray(json) ? response.statusText : (json.message ?? response.statusText);
    throw new HttpError(message, response.status, json);
  }
  return json;
}
