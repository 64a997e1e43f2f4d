import { HttpError } from 'react-admin';
import { session } from '../session';

export type StaffBookingAction = 'check-in' | 'no-show';

/** Checks a resident in or records a no-show; refusals come back as HttpErrors with the server's message. */
export async function runBookingAction(bookingId: string, action: StaffBookingAction) {
  const response = await fetch(`/api/bookings/${bookingId}/${action}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.token() ?? ''}` },
  });
  const json = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok) throw new HttpError(json.message ?? response.statusText, response.status, json);
  return json;
}
