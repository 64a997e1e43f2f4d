import { api, ApiError } from '../api';
import type { Language } from '../i18n/i18n';
import type { Booking, BookableService, CreatedBooking, FreeSlot, Office } from '../api-types';

export type {
  BookableService,
  Booking,
  BookingStatus,
  CreatedBooking,
  FreeSlot,
  Office,
  OpeningInterval,
} from '../api-types';

/** What the resident types in the booking form (blank fields are left out of the request). */
export interface Contact {
  name: string;
  email: string;
  phone: string;
}

export const fetchServices = () => api<BookableService[]>('/api/v1/bookings/services');

export const fetchOffices = (service: string) =>
  api<Office[]>('/api/v1/bookings/offices', { query: { service } });

export const fetchSlots = (query: { service: string; office?: number; from: string; to: string }) =>
  api<FreeSlot[]>('/api/v1/bookings/slots', { query });

/** Holds the slot (confirm: false): the resident confirms in a second step, before `heldUntil`. */
export function holdSlot(
  input: { service: string; officeId: number; slotStart: string; contact: Contact; language: Language },
  idempotencyKey: string,
) {
  const contact = {
    name: input.contact.name.trim(),
    ...(input.contact.email.trim() ? { email: input.contact.email.trim() } : {}),
    ...(input.contact.phone.trim() ? { phone: input.contact.phone.trim() } : {}),
  };
  return api<CreatedBooking>('/api/v1/bookings', {
    method: 'POST',
    headers: { 'idempotency-key': idempotencyKey },
    body: { ...input, contact, confirm: false },
  });
}

const bookingPath = (reference: string) => `/api/v1/bookings/${encodeURIComponent(reference)}`;

export const fetchBooking = (reference: string, token: string) =>
  api<Booking>(bookingPath(reference), { query: { token } });

export const confirmBooking = (reference: string, token: string) =>
  api<Booking>(`${bookingPath(reference)}/confirm`, { method: 'POST', query: { token } });

export const cancelBooking = (reference: string, token: string, reason: string) =>
  api<Booking>(`${bookingPath(reference)}/cancel`, {
    method: 'POST',
    query: { token },
    body: reason.trim() ? { reason: reason.trim() } : {},
  });

export const rescheduleBooking = (
  reference: string,
  token: string,
  slot: { slotStart: string; officeId: number },
) => api<Booking>(`${bookingPath(reference)}/reschedule`, { method: 'POST', query: { token }, body: slot });

/** Cancelling or moving a visit is possible until it begins, and only while it is held or confirmed. */
export function isChangeable(booking: Booking, now = Date.now()): boolean {
  return (booking.status === 'HELD' || booking.status === 'CONFIRMED') && Date.parse(booking.slotStart) > now;
}

/**
 * Creating a booking and moving one answer 409 CONFLICT only when the slot was taken by someone
 * else (a refused state change is INVALID_TRANSITION, a reused key IDEMPOTENCY_CONFLICT).
 */
export const isSlotTaken = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && error.code === 'CONFLICT';

/** A random key for one booking attempt; getRandomValues works outside secure contexts too. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `portal-booking-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Where a booking is managed: the link shown after booking and the one residents keep. */
export const manageLink = (reference: string, token: string) =>
  `/book/manage?reference=${encodeURIComponent(reference)}&token=${encodeURIComponent(token)}`;
