import { randomUUID } from 'node:crypto';
import { type Client, type WorkflowHandle } from '@temporalio/client';
import type { Activities } from '../../activities';
import type { bookingWorkflow } from '../../workflows/booking.workflow';
import {
  BOOKING_WORKFLOW_TYPE,
  bookingActionUpdate,
  bookingStateQuery,
  type BookingActionRequest,
  type BookingActor,
  type BookingSettings,
  type BookingWorkflowInput,
} from '../../workflows/booking.messages';
import { eventually } from '../support/integration';
import { refusalOf, startFakeActivitiesWorker, type FakeActivitiesWorker } from '../support/workflow-logic';

/** Deadlines, not waits: generous, since the whole suite shares two cores with this file. */
const DEADLINE_MS = 60_000;
jest.setTimeout(2 * DEADLINE_MS);

/**
 * The booking workflow's own logic on the run's real Temporal dev server, with its three activities
 * replaced by recording fakes: the hold, confirmation, reminder, check-in, end of visit, no-show,
 * cancellation and reschedule, with visits a few seconds long. Every assertion is about one
 * booking's own calls, so the tests run side by side: most of their time is spent waiting on timers.
 */

type FakeName = 'recordBookingStatus' | 'moveBookingSlot' | 'notifyBookingResident';
type Fakes = Pick<Activities, FakeName>;
type InputOf<K extends FakeName> = Parameters<Fakes[K]>[0];

interface Call {
  name: FakeName;
  input: unknown;
  /** Wall-clock time the fake ran. */
  ranAt: number;
}

const calls: Call[] = [];
/** Slots another booking holds: a reschedule onto one of them is refused. */
const takenSlots = new Set<string>();

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** How long a visit lasts in these tests, and the desk a moved booking gets. */
const VISIT = 2 * SECOND;
const MOVED_TO_DESK = 3;

function record<K extends FakeName>(name: K, input: InputOf<K>): void {
  calls.push({ name, input, ranAt: Date.now() });
}

const fakes: Fakes = {
  async recordBookingStatus(input) {
    record('recordBookingStatus', input);
    return { changed: true };
  },
  async moveBookingSlot(input) {
    record('moveBookingSlot', input);
    if (takenSlots.has(input.slotStart)) {
      return { moved: false, refusal: 'SLOT_TAKEN', message: 'Someone has just taken this slot' };
    }
    const slotEnd = new Date(Date.parse(input.slotStart) + VISIT).toISOString();
    return {
      moved: true,
      slot: { officeId: input.officeId, slotStart: input.slotStart, slotEnd, desk: MOVED_TO_DESK },
    };
  },
  async notifyBookingResident(input) {
    record('notifyBookingResident', input);
    return { sent: 1, skipped: 0, failed: 0 };
  },
};

function inputsOf<K extends FakeName>(name: K, bookingId: string): (InputOf<K> & { ranAt: number })[] {
  return calls
    .filter((call) => call.name === name && (call.input as { bookingId: string }).bookingId === bookingId)
    .map((call) => ({ ...(call.input as InputOf<K>), ranAt: call.ranAt }));
}

/** The status changes the workflow recorded, without their times. */
const transitions = (bookingId: string) =>
  inputsOf('recordBookingStatus', bookingId).map(({ from, to, reason }) => ({ from, to, reason }));
const transitionTo = (bookingId: string, to: string) => {
  const found = inputsOf('recordBookingStatus', bookingId).filter((t) => t.to === to);
  expect(found).toHaveLength(1);
  return found[0];
};
const mails = (bookingId: string) =>
  inputsOf('notifyBookingResident', bookingId).map(({ template, eventKey, sequence }) => ({
    template,
    eventKey,
    sequence,
  }));

const RESIDENT: BookingActor = { id: 'resident', role: 'RESIDENT' };
const CLERK: BookingActor = { id: 'u-clerk', role: 'CLERK' };

const iso = (ms: number) => new Date(ms).toISOString();

describe('the booking workflow’s logic, with fake activities', () => {
  let client: Client;
  let logic: FakeActivitiesWorker;
  const taskQueue = `logic-${randomUUID()}`;
  let started: WorkflowHandle[];

  beforeAll(async () => {
    logic = await startFakeActivitiesWorker(taskQueue, fakes);
    ({ client, started } = logic);
  });

  afterAll(() => logic?.close());

  async function startBooking(
    input: Pick<BookingWorkflowInput, 'status'> &
      Partial<Omit<BookingWorkflowInput, 'settings' | 'slot'>> & {
        slotStart: number;
        slotEnd?: number;
        settings?: Partial<BookingSettings>;
      },
  ): Promise<{ bookingId: string; handle: WorkflowHandle<typeof bookingWorkflow> }> {
    const bookingId = randomUUID();
    const { slotStart, slotEnd, settings, ...rest } = input;
    const workflowInput: BookingWorkflowInput = {
      bookingId,
      reference: `WAW-${bookingId.slice(0, 6).toUpperCase()}`,
      ...rest,
      slot: { officeId: 1, slotStart: iso(slotStart), slotEnd: iso(slotEnd ?? slotStart + VISIT), desk: 1 },
      settings: { holdSeconds: 60, reminderLeadSeconds: 3, noShowGraceSeconds: 30, ...settings },
    };
    const handle = await client.workflow.start<typeof bookingWorkflow>(BOOKING_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: `logic-booking-${bookingId}`,
      args: [workflowInput],
    });
    started.push(handle);
    return { bookingId, handle };
  }

  const act = (handle: WorkflowHandle<typeof bookingWorkflow>, request: BookingActionRequest) =>
    handle.executeUpdate(bookingActionUpdate, { args: [request] });

  it.concurrent('releases a held slot nobody confirmed when the hold runs out', async () => {
    const heldUntil = iso(Date.now() + 2 * SECOND);
    const { bookingId, handle } = await startBooking({
      status: 'HELD',
      heldUntil,
      slotStart: Date.now() + HOUR,
    });
    expect(await handle.query(bookingStateQuery)).toMatchObject({
      status: 'HELD',
      heldUntil,
      reminderDueAt: null,
    });

    const result = await handle.result();
    expect(result).toMatchObject({ status: 'EXPIRED', heldUntil: null, slotVersion: 0 });
    expect(transitions(bookingId)).toEqual([
      { from: ['HELD'], to: 'EXPIRED', reason: 'not confirmed in time' },
    ]);
    // Not a moment early: the resident was told the slot is theirs until then.
    expect(Date.parse(transitionTo(bookingId, 'EXPIRED').at)).toBeGreaterThanOrEqual(Date.parse(heldUntil));
    expect(mails(bookingId)).toEqual([]);
  });

  it.concurrent(
    'confirms a held slot, reminds before the visit and completes after the check-in',
    async () => {
      const before = Date.now();
      const slotStart = before + 12 * SECOND;
      const slotEnd = slotStart + VISIT;
      const { bookingId, handle } = await startBooking({
        status: 'HELD',
        slotStart,
        settings: { holdSeconds: 60, reminderLeadSeconds: 4 },
      });
      const held = await handle.query(bookingStateQuery);
      // Without a time from the request, the hold lasts holdSeconds from the start.
      expect(Date.parse(held.heldUntil!)).toBeGreaterThanOrEqual(before + 60 * SECOND);
      expect(Date.parse(held.heldUntil!)).toBeLessThanOrEqual(Date.now() + 60 * SECOND);

      const confirmed = await act(handle, { action: 'confirm', actor: RESIDENT });
      expect(confirmed).toMatchObject({
        status: 'CONFIRMED',
        heldUntil: null,
        reminderDueAt: iso(slotStart - 4 * SECOND),
      });
      expect(await refusalOf(act(handle, { action: 'confirm', actor: RESIDENT }))).toEqual({
        type: 'INVALID_TRANSITION',
        message: 'The booking is confirmed: only a held slot can be confirmed',
      });

      await eventually(async () => mails(bookingId).length === 2, {
        timeoutMs: DEADLINE_MS,
        what: 'the reminder',
      });
      expect(mails(bookingId)).toEqual([
        { template: 'CONFIRMED', eventKey: 'confirmed', sequence: 0 },
        { template: 'REMINDER', eventKey: 'reminder-0', sequence: 0 },
      ]);
      const [, reminder] = inputsOf('notifyBookingResident', bookingId);
      expect(reminder.ranAt).toBeGreaterThanOrEqual(slotStart - 4 * SECOND);
      expect((await handle.query(bookingStateQuery)).reminderDueAt).toBeNull();

      const checkedIn = await act(handle, { action: 'check-in', actor: CLERK });
      expect(checkedIn).toMatchObject({ status: 'CHECKED_IN', reminderDueAt: null });
      expect(checkedIn.checkedInAt).not.toBeNull();

      const result = await handle.result();
      expect(result.status).toBe('COMPLETED');
      expect(transitions(bookingId)).toEqual([
        { from: ['HELD'], to: 'CONFIRMED', reason: null },
        { from: ['CONFIRMED'], to: 'CHECKED_IN', reason: null },
        { from: ['CHECKED_IN'], to: 'COMPLETED', reason: null },
      ]);
      // The visit completes when its slot ends, not when the resident is checked in.
      expect(Date.parse(transitionTo(bookingId, 'COMPLETED').at)).toBeGreaterThanOrEqual(slotEnd);
      expect(mails(bookingId)).toHaveLength(2);
    },
  );

  describe('cancelling', () => {
    it.concurrent('cancels a confirmed booking and takes it back from the resident’s calendar', async () => {
      const { bookingId, handle } = await startBooking({ status: 'CONFIRMED', slotStart: Date.now() + HOUR });
      const before = await handle.query(bookingStateQuery);
      expect(before.reminderDueAt).not.toBeNull();

      const cancelled = await act(handle, { action: 'cancel', actor: CLERK, reason: 'Urząd nieczynny' });
      expect(cancelled).toMatchObject({ status: 'CANCELLED', reminderDueAt: null, heldUntil: null });
      expect(await handle.result()).toEqual(cancelled);
      expect(transitions(bookingId)).toEqual([
        { from: ['HELD', 'CONFIRMED'], to: 'CANCELLED', reason: 'Urząd nieczynny' },
      ]);
      expect(mails(bookingId)).toEqual([
        { template: 'CONFIRMED', eventKey: 'confirmed', sequence: 0 },
        { template: 'CANCELLED', eventKey: 'cancelled', sequence: 0 },
      ]);
    });

    it.concurrent('cancels a held slot without a mail: the resident never had it in a calendar', async () => {
      const { bookingId, handle } = await startBooking({ status: 'HELD', slotStart: Date.now() + HOUR });
      const cancelled = await act(handle, { action: 'cancel', actor: RESIDENT });
      expect(cancelled.status).toBe('CANCELLED');
      await handle.result();
      expect(transitions(bookingId)).toEqual([
        { from: ['HELD', 'CONFIRMED'], to: 'CANCELLED', reason: null },
      ]);
      expect(mails(bookingId)).toEqual([]);
    });

    it.concurrent('refuses a clerk’s cancel the API did not vouch for, and changes nothing', async () => {
      const { bookingId, handle } = await startBooking({
        status: 'CONFIRMED',
        slotStart: Date.now() + HOUR,
      });
      const before = await handle.query(bookingStateQuery);
      // Straight to Temporal's port, without the API's client: no proof, or one nobody's key made.
      const outsider = logic.env.client.workflow.getHandle<typeof bookingWorkflow>(handle.workflowId);
      const asClerk = (request: BookingActionRequest) =>
        outsider.executeUpdate(bookingActionUpdate, { args: [request] });
      expect(await refusalOf(asClerk({ action: 'cancel', actor: CLERK, reason: 'Podszyte' }))).toEqual({
        type: 'FORBIDDEN',
        message: 'the API did not vouch for this action',
      });
      const forged = { issuedAt: new Date().toISOString(), mac: 'bm90IGEgcmVhbCBtYWM' };
      expect(await refusalOf(asClerk({ action: 'cancel', actor: CLERK, actorProof: forged }))).toEqual({
        type: 'FORBIDDEN',
        message: 'the API did not vouch for this action (the proof does not match the message)',
      });
      expect(await handle.query(bookingStateQuery)).toEqual(before);
      expect(transitions(bookingId)).toEqual([]);
    });

    it.concurrent('refuses to cancel a visit that has begun', async () => {
      const { bookingId, handle } = await startBooking({
        status: 'CONFIRMED',
        slotStart: Date.now() - SECOND,
        slotEnd: Date.now() + HOUR,
      });
      expect(await refusalOf(act(handle, { action: 'cancel', actor: RESIDENT }))).toEqual({
        type: 'INVALID_TRANSITION',
        message: 'The visit has already begun and can no longer be cancelled',
      });
      expect((await handle.query(bookingStateQuery)).status).toBe('CONFIRMED');
      expect(transitions(bookingId)).toEqual([]);
    });
  });

  it.concurrent('moves the reminder and the no-show deadline with a rescheduled slot', async () => {
    const firstStart = Date.now() + HOUR;
    const { bookingId, handle } = await startBooking({
      status: 'CONFIRMED',
      slotStart: firstStart,
      slotEnd: firstStart + 20 * MINUTE,
      settings: { reminderLeadSeconds: 4, noShowGraceSeconds: 1 },
    });
    const original = await handle.query(bookingStateQuery);
    expect(original.reminderDueAt).toBe(iso(firstStart - 4 * SECOND));

    const taken = iso(firstStart + HOUR);
    takenSlots.add(taken);
    expect(
      await refusalOf(act(handle, { action: 'reschedule', actor: RESIDENT, officeId: 1, slotStart: taken })),
    ).toEqual({ type: 'SLOT_TAKEN', message: 'Someone has just taken this slot' });
    expect(await handle.query(bookingStateQuery)).toEqual(original);

    const newStart = Date.now() + 10 * SECOND;
    const moved = await act(handle, {
      action: 'reschedule',
      actor: RESIDENT,
      officeId: 2,
      slotStart: iso(newStart),
    });
    expect(moved).toMatchObject({
      status: 'CONFIRMED',
      slot: { officeId: 2, slotStart: iso(newStart), slotEnd: iso(newStart + VISIT), desk: MOVED_TO_DESK },
      slotVersion: 1,
      reminderDueAt: iso(newStart - 4 * SECOND),
    });
    expect(
      inputsOf('moveBookingSlot', bookingId).map(({ officeId, slotStart }) => [officeId, slotStart]),
    ).toEqual([
      [1, taken],
      [2, iso(newStart)],
    ]);

    // Nobody comes: the reminder goes out for the new slot, and the no-show follows its end.
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'NO_SHOW', slotVersion: 1, reminderDueAt: null });
    expect(mails(bookingId)).toEqual([
      { template: 'CONFIRMED', eventKey: 'confirmed', sequence: 0 },
      { template: 'RESCHEDULED', eventKey: 'rescheduled-1', sequence: 1 },
      { template: 'REMINDER', eventKey: 'reminder-1', sequence: 1 },
    ]);
    expect(inputsOf('notifyBookingResident', bookingId)[2].ranAt).toBeGreaterThanOrEqual(
      newStart - 4 * SECOND,
    );
    expect(transitions(bookingId)).toEqual([
      { from: ['CONFIRMED'], to: 'NO_SHOW', reason: 'not checked in by the end of the visit' },
    ]);
    expect(Date.parse(transitionTo(bookingId, 'NO_SHOW').at)).toBeGreaterThanOrEqual(
      newStart + VISIT + SECOND,
    );
  });

  it.concurrent(
    'lets staff record a no-show only once the grace period from the start has passed',
    async () => {
      // Booked later than the reminder's lead: neither booking gets a reminder.
      const settings = { reminderLeadSeconds: 2 * 3600, noShowGraceSeconds: 90 };
      const soon = Date.now() + HOUR;
      const waiting = await startBooking({
        status: 'CONFIRMED',
        slotStart: soon,
        slotEnd: soon + HOUR,
        settings,
      });
      const begun = Date.now() - 2 * MINUTE;
      const late = await startBooking({
        status: 'CONFIRMED',
        slotStart: begun,
        slotEnd: begun + HOUR,
        settings,
      });

      expect(await refusalOf(act(waiting.handle, { action: 'no-show', actor: CLERK }))).toEqual({
        type: 'INVALID_TRANSITION',
        message: `The resident may still come: a no-show can be recorded from ${iso(soon + 90 * SECOND)}`,
      });
      expect(await waiting.handle.query(bookingStateQuery)).toMatchObject({
        status: 'CONFIRMED',
        reminderDueAt: null,
      });
      expect(transitions(waiting.bookingId)).toEqual([]);

      // Two minutes into the visit, past the 90 seconds of grace, while the slot itself still runs.
      const recorded = await act(late.handle, { action: 'no-show', actor: CLERK });
      expect(recorded).toMatchObject({ status: 'NO_SHOW', reminderDueAt: null, checkedInAt: null });
      expect(await late.handle.result()).toEqual(recorded);
      expect(transitions(late.bookingId)).toEqual([{ from: ['CONFIRMED'], to: 'NO_SHOW', reason: null }]);
      expect(mails(late.bookingId)).toEqual([{ template: 'CONFIRMED', eventKey: 'confirmed', sequence: 0 }]);
    },
  );
});
