/**
 * The life of an office appointment, from the held slot to the visit. Pure rules shared by the
 * workflow (which owns the state) and the API (which answers early with the same words).
 *
 *   HELD ──confirm──▶ CONFIRMED ──check-in──▶ CHECKED_IN ──slot over──▶ COMPLETED
 *     │                  │  └──no-show (after the grace period)──▶ NO_SHOW
 *     └─hold timeout─▶ EXPIRED
 *   HELD, CONFIRMED ──cancel──▶ CANCELLED;  reschedule keeps the status and moves the slot
 */
import type { Channel } from '../cases/case-states';

export const BOOKING_STATUSES = [
  'HELD',
  'CONFIRMED',
  'CHECKED_IN',
  'NO_SHOW',
  'CANCELLED',
  'EXPIRED',
  'COMPLETED',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Where a booking can be made: the portal, the app, or a clerk on the phone. */
export const BOOKING_CHANNELS = ['PORTAL', 'MOBILE', 'PHONE'] as const satisfies readonly Channel[];
export type BookingChannel = (typeof BOOKING_CHANNELS)[number];

/** Statuses that give the desk back. Every other status keeps it, so a past visit stays on record. */
export const SLOT_RELEASING_STATUSES: readonly BookingStatus[] = ['CANCELLED', 'EXPIRED'];

export const FINAL_BOOKING_STATUSES: readonly BookingStatus[] = [
  'NO_SHOW',
  'CANCELLED',
  'EXPIRED',
  'COMPLETED',
];

export const BOOKING_ACTIONS = ['confirm', 'cancel', 'reschedule', 'check-in', 'no-show'] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

/** Office staff may check a resident in this long before the slot: people come early. */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 120;

export interface BookingTimes {
  status: BookingStatus;
  slotStart: string;
  slotEnd: string;
}

export interface BookingRefusal {
  code: 'INVALID_TRANSITION';
  message: string;
}

const refuse = (message: string): BookingRefusal => ({ code: 'INVALID_TRANSITION', message });

/** Why `action` cannot happen now, or null when it may. `noShowGraceSeconds` counts from the slot start. */
export function bookingRefusal(
  action: BookingAction,
  booking: BookingTimes,
  context: { now: Date; noShowGraceSeconds: number },
): BookingRefusal | null {
  const now = context.now.getTime();
  const start = Date.parse(booking.slotStart);
  const status = booking.status.toLowerCase().replace('_', ' ');
  switch (action) {
    case 'confirm':
      return booking.status === 'HELD'
        ? null
        : refuse(`The booking is ${status}: only a held slot can be confirmed`);
    case 'cancel':
    case 'reschedule':
      if (booking.status !== 'HELD' && booking.status !== 'CONFIRMED') {
        return refuse(
          `The booking is ${status} and can no longer be ${action === 'cancel' ? 'cancelled' : 'moved'}`,
        );
      }
      return now >= start
        ? refuse(
            `The visit has already begun and can no longer be ${action === 'cancel' ? 'cancelled' : 'moved'}`,
          )
        : null;
    case 'check-in':
      if (booking.status !== 'CONFIRMED')
        return refuse(`The booking is ${status}: only a confirmed visit can be checked in`);
      return now < start - CHECK_IN_OPENS_MINUTES_BEFORE * 60_000
        ? refuse(`Check-in opens ${CHECK_IN_OPENS_MINUTES_BEFORE} minutes before the visit`)
        : null;
    case 'no-show': {
      if (booking.status !== 'CONFIRMED')
        return refuse(`The booking is ${status}: only a confirmed visit can be a no-show`);
      const allowedAt = start + context.noShowGraceSeconds * 1000;
      return now < allowedAt
        ? refuse(
            `The resident may still come: a no-show can be recorded from ${new Date(allowedAt).toISOString()}`,
          )
        : null;
    }
  }
}
