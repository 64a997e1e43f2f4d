import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { BookingMailTemplate } from '../activities/bookings/booking.activities';
import {
  FINAL_BOOKING_STATUSES,
  bookingRefusal,
  type BookingStatus,
} from '../domain/bookings/booking-states';
import {
  bookingActionUpdate,
  bookingStateQuery,
  type BookingActionRequest,
  type BookingWorkflowInput,
  type BookingWorkflowState,
} from './booking.messages';
import { refuseUnlessVouched, refuseUnvouchedUpdate } from './actor-proof';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Mail never holds a booking up: it runs beside the visit's timers and retries for a day. */
const mail = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '5 seconds', maximumInterval: '15 minutes', backoffCoefficient: 2 },
});

type Deadline = { at: number; what: 'EXPIRE' | 'REMIND' | 'NO_SHOW' | 'COMPLETE' };

/**
 * One office visit from the held slot to its end. The slot is taken in PostgreSQL before the
 * workflow starts (the database's exclusion constraint decides who gets it); the workflow then
 * owns the booking: it waits for confirmation or releases the hold, mails the confirmation with a
 * calendar file, reminds before the visit, and waits for the check-in, recording a no-show when
 * nobody came. Cancel and reschedule arrive as updates; a reschedule moves the slot in one
 * database transaction (an activity) and the timers follow the new slot.
 */
export async function bookingWorkflow(input: BookingWorkflowInput): Promise<BookingWorkflowState> {
  const { settings } = input;
  const state: BookingWorkflowState = {
    bookingId: input.bookingId,
    reference: input.reference,
    status: input.status,
    slot: { ...input.slot },
    slotVersion: 0,
    heldUntil:
      input.status === 'HELD'
        ? (input.heldUntil ?? new Date(Date.now() + settings.holdSeconds * 1000).toISOString())
        : null,
    reminderDueAt: null,
    checkedInAt: null,
  };
  // Bumped by every change the waiting loop must see; `busy` keeps handlers and timers one at a time.
  let changes = 0;
  let busy = false;
  const mailing = new Set<Promise<unknown>>();

  setHandler(bookingStateQuery, () => state);

  function notify(template: BookingMailTemplate, eventKey: string): void {
    const sending = mail.notifyBookingResident({
      bookingId: state.bookingId,
      eventKey,
      template,
      sequence: state.slotVersion,
    });
    // A mail that failed for a day is given up: the booking itself stands.
    const settled = sending.catch(() => undefined).finally(() => mailing.delete(settled));
    mailing.add(settled);
  }

  async function exclusively<T>(work: () => Promise<T>): Promise<T> {
    // Several waiters may wake in one activation: each checks again before taking the lock.
    while (busy) await condition(() => !busy);
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  }

  async function moveTo(
    to: BookingStatus,
    from: BookingStatus[],
    reason: string | null = null,
  ): Promise<void> {
    state.status = to;
    changes += 1;
    await acts.recordBookingStatus({
      bookingId: state.bookingId,
      from,
      to,
      at: new Date().toISOString(),
      reason,
    });
  }

  /** The reminder of the current slot, unless the visit is nearer than the reminder's lead. */
  function armReminder(): void {
    const due = Date.parse(state.slot.slotStart) - settings.reminderLeadSeconds * 1000;
    state.reminderDueAt = due > Date.now() ? new Date(due).toISOString() : null;
  }

  function validate(request: BookingActionRequest): void {
    const refusal = bookingRefusal(
      request.action,
      { status: state.status, slotStart: state.slot.slotStart, slotEnd: state.slot.slotEnd },
      { now: new Date(), noShowGraceSeconds: settings.noShowGraceSeconds },
    );
    if (refusal) throw ApplicationFailure.nonRetryable(refusal.message, refusal.code);
  }

  async function perform(request: BookingActionRequest): Promise<BookingWorkflowState> {
    // The validator ran before; a handler or timer that held the lock meanwhile may have moved on.
    validate(request);
    switch (request.action) {
      case 'confirm':
        state.heldUntil = null;
        await moveTo('CONFIRMED', ['HELD']);
        armReminder();
        notify('CONFIRMED', 'confirmed');
        break;
      case 'cancel': {
        const wasConfirmed = state.status === 'CONFIRMED';
        state.heldUntil = null;
        state.reminderDueAt = null;
        await moveTo('CANCELLED', ['HELD', 'CONFIRMED'], request.reason ?? null);
        // A held slot was never announced, so there is nothing to take back from a calendar.
        if (wasConfirmed) notify('CANCELLED', 'cancelled');
        break;
      }
      case 'reschedule': {
        const result = await acts.moveBookingSlot({
          bookingId: state.bookingId,
          officeId: request.officeId,
          slotStart: request.slotStart,
        });
        if (!result.moved) throw ApplicationFailure.nonRetryable(result.message, result.refusal);
        state.slot = result.slot;
        state.slotVersion += 1;
        changes += 1;
        if (state.status === 'CONFIRMED') {
          armReminder();
          notify('RESCHEDULED', `rescheduled-${state.slotVersion}`);
        }
        break;
      }
      case 'check-in':
        state.checkedInAt = new Date().toISOString();
        state.reminderDueAt = null;
        await moveTo('CHECKED_IN', ['CONFIRMED']);
        break;
      case 'no-show':
        state.reminderDueAt = null;
        await moveTo('NO_SHOW', ['CONFIRMED']);
        break;
    }
    return state;
  }

  setHandler(
    bookingActionUpdate,
    async (request) => {
      await refuseUnlessVouched(bookingActionUpdate.name, request);
      return exclusively(() => perform(request));
    },
    {
      validator: (request) => {
        refuseUnvouchedUpdate(request);
        validate(request);
      },
    },
  );

  function nextDeadline(): Deadline | null {
    const start = Date.parse(state.slot.slotStart);
    const end = Date.parse(state.slot.slotEnd);
    switch (state.status) {
      case 'HELD':
        return state.heldUntil ? { at: Date.parse(state.heldUntil), what: 'EXPIRE' } : null;
      case 'CONFIRMED': {
        const noShow: Deadline = { at: end + settings.noShowGraceSeconds * 1000, what: 'NO_SHOW' };
        const reminder = state.reminderDueAt ? Date.parse(state.reminderDueAt) : null;
        return reminder !== null && reminder < start ? { at: reminder, what: 'REMIND' } : noShow;
      }
      case 'CHECKED_IN':
        return { at: end, what: 'COMPLETE' };
      default:
        return null;
    }
  }

  async function onDeadline(what: Deadline['what']): Promise<void> {
    switch (what) {
      case 'EXPIRE':
        state.heldUntil = null;
        await moveTo('EXPIRED', ['HELD'], 'not confirmed in time');
        break;
      case 'REMIND':
        state.reminderDueAt = null;
        changes += 1;
        notify('REMINDER', `reminder-${state.slotVersion}`);
        break;
      case 'NO_SHOW':
        // Nobody checked the resident in by the end of the slot and its grace period.
        await moveTo('NO_SHOW', ['CONFIRMED'], 'not checked in by the end of the visit');
        break;
      case 'COMPLETE':
        await moveTo('COMPLETED', ['CHECKED_IN']);
        break;
    }
  }

  if (state.status === 'CONFIRMED') {
    // Confirmed in the booking request: the row says so already; announce it and arm the reminder.
    armReminder();
    notify('CONFIRMED', 'confirmed');
  }

  while (!FINAL_BOOKING_STATUSES.includes(state.status)) {
    const deadline = nextDeadline();
    const seen = changes;
    // A timer of zero would not fire as a timeout: a deadline already passed waits one millisecond.
    const timeout = deadline ? Math.max(1, deadline.at - Date.now()) : undefined;
    const woken = await condition(() => changes !== seen || busy, timeout);
    if (woken) {
      await condition(() => !busy);
      continue;
    }
    if (deadline) {
      await exclusively(async () => {
        if (changes === seen) await onDeadline(deadline.what);
      });
    }
  }
  await condition(allHandlersFinished);
  await Promise.all(mailing);
  return state;
}
