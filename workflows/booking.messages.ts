/**
 * The message contract of the booking workflow: its input, query and update. No side effects, so
 * the API imports it without loading workflow code. Wire names are stable: renaming one breaks
 * running bookings.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BookingStatus } from '../domain/bookings/booking-states';
import type { Vouched } from './actor-proof';

export const BOOKING_WORKFLOW_TYPE = 'bookingWorkflow';

/** Durations fixed when the booking starts, in seconds so tests can run a visit in a minute. */
export interface BookingSettings {
  /** How long a held, unconfirmed slot stays held before it is released. */
  holdSeconds: number;
  /** How long before the visit the reminder goes out (none when booked later than that). */
  reminderLeadSeconds: number;
  /** From the visit's start: when staff may record a no-show. After the slot's end plus this, it is recorded anyway. */
  noShowGraceSeconds: number;
}

export interface BookingSlot {
  officeId: number;
  slotStart: string;
  slotEnd: string;
  desk: number;
}

export interface BookingWorkflowInput {
  bookingId: string;
  reference: string;
  /** HELD waits for confirmation; CONFIRMED was confirmed in the booking request itself. */
  status: 'HELD' | 'CONFIRMED';
  /** HELD: when the hold runs out, as the resident was told. */
  heldUntil?: string | null;
  slot: BookingSlot;
  settings: BookingSettings;
}

export interface BookingWorkflowState {
  bookingId: string;
  reference: string;
  status: BookingStatus;
  slot: BookingSlot;
  /** Raised by every reschedule: the calendar attachment's SEQUENCE and the reminder's key. */
  slotVersion: number;
  heldUntil: string | null;
  /** When the reminder for the current slot is due; null once sent or when there is none. */
  reminderDueAt: string | null;
  checkedInAt: string | null;
}

export interface BookingActor {
  /** `resident`, `system` or a staff user's id. */
  id: string;
  role: 'RESIDENT' | 'SYSTEM' | 'ADMIN' | 'CLERK';
}

/** The actor is trusted only with the API's proof (`workflows/actor-proof.ts`), added by its client. */
export type BookingActionRequest = Vouched<
  | { action: 'confirm'; actor: BookingActor }
  | { action: 'cancel'; actor: BookingActor; reason?: string | null }
  | { action: 'reschedule'; actor: BookingActor; officeId: number; slotStart: string }
  | { action: 'check-in'; actor: BookingActor }
  | { action: 'no-show'; actor: BookingActor }
>;

export const bookingStateQuery = defineQuery<BookingWorkflowState>('bookingStateQuery');

/**
 * Every change to a booking from outside: the validator refuses what the state does not allow
 * (`INVALID_TRANSITION`), a reschedule onto a taken slot fails with `SLOT_TAKEN`.
 */
export const bookingActionUpdate = defineUpdate<BookingWorkflowState, [BookingActionRequest]>(
  'bookingActionUpdate',
);
