/**
 * A booking's reference, as the resident reads it out at the office: `R-26-000123` (R, the
 * two-digit year of booking, a number from one city-wide sequence). It names the booking in URLs;
 * the token, not the reference, grants access.
 */
const REFERENCE = /^R-(\d{2})-(\d{6,})$/;

export function formatBookingReference(sequence: number, year: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`bad booking sequence ${sequence}`);
  return `R-${String(year % 100).padStart(2, '0')}-${String(sequence).padStart(6, '0')}`;
}

export const BOOKING_REFERENCE_PATTERN = REFERENCE;

/** The workflow id of a booking: one workflow per booking, never reused. */
export function bookingWorkflowId(bookingId: string): string {
  return `booking-${bookingId}`;
}
