import { randomUUID } from 'node:crypto';
import { tsToMs } from '@temporalio/common/lib/time';
import type { Attachment } from 'mailparser';
import { bookingWorkflowId } from '../../domain/bookings/booking-reference';
import { addDays, warsawToday } from '../../domain/bookings/slots';
import {
  bookingIdOfReference,
  eventually,
  settledHistory,
  startTestApp,
  type TestApp,
} from '../support/integration';
import { startSmtpListener, type ParsedMail, type SmtpListener } from '../support/smtp-listener';
import { icsUtc, parseIcs } from '../unit/bookings/parse-ics';

interface FreeSlot {
  officeId: number;
  start: string;
  end: string;
  freeDesks: number;
}

interface Booked {
  /** Looked up by reference for the back office and the workflow: the public answer has no id. */
  id: string;
  reference: string;
  token: string;
  status: string;
  slotStart: string;
  slotEnd: string;
  heldUntil: string | null;
}

// A one-minute service at an office open round the clock: a whole visit, from booking to its end,
// fits in about three minutes. The hold lasts 8 s (a loaded machine may take seconds to answer),
// the reminder comes 20 s before the visit and a no-show may be recorded 2 s after its start.
const HOLD_SECONDS = 8;
const REMINDER_LEAD_SECONDS = 20;
const GRACE_SECONDS = 2;
const VISIT_TIMEOUT_MS = 360_000;
/**
 * How far ahead a visit whose reminder the test waits for is booked: the lead plus room for a busy
 * worker to start the workflow (a reminder due before the workflow arms it is, by design, not sent).
 */
const REMINDED_VISIT_SECONDS = REMINDER_LEAD_SECONDS + 40;

/**
 * The booking workflow on the real Temporal dev server and PostgreSQL, driven through the public
 * and back-office APIs; every e-mail is received by a real SMTP listener and its calendar file
 * read back. Each test books at an office and service of its own, so they run side by side.
 */
describe('office bookings from booking to visit', () => {
  let smtp: SmtpListener;
  let fixture: TestApp;
  const created: { serviceIds: number[]; officeIds: number[] } = { serviceIds: [], officeIds: [] };

  // Starting a worker can take a while on a machine shared with other test runs.
  beforeAll(async () => {
    smtp = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Urząd m.st. Warszawy <wizyty@um.test>',
        PUBLIC_URL: 'https://19115.test',
        BOOKING_HOLD_SECONDS: String(HOLD_SECONDS),
        BOOKING_REMINDER_LEAD_SECONDS: String(REMINDER_LEAD_SECONDS),
        BOOKING_NO_SHOW_GRACE_SECONDS: String(GRACE_SECONDS),
      },
    });
  }, 120_000);

  afterAll(async () => {
    if (fixture) {
      const db = fixture.orm.em.fork();
      for (const id of created.serviceIds)
        await db.execute('delete from bookings where service_id = ?', [id]);
      for (const id of created.officeIds) await db.execute('delete from booking_offices where id = ?', [id]);
      for (const id of created.serviceIds)
        await db.execute('delete from booking_services where id = ?', [id]);
      await fixture.close();
    }
    await smtp?.close();
  });

  async function admin() {
    return { authorization: await fixture.authorization('admin') };
  }

  /** A service of its own at an office of its own, open every day round the clock. */
  async function offering(desks: number) {
    const tag = randomUUID().slice(0, 8).toUpperCase();
    const service = await fixture.app.inject({
      method: 'POST',
      url: '/api/booking-services',
      headers: await admin(),
      payload: { code: `VISIT_${tag}`, namePl: `Wizyta ${tag}`, nameEn: `Visit ${tag}`, durationMinutes: 1 },
    });
    expect(service.statusCode).toBe(201);
    const office = await fixture.app.inject({
      method: 'POST',
      url: '/api/booking-offices',
      headers: await admin(),
      payload: {
        code: `OFFICE-${tag}`,
        name: `Urząd Dzielnicy Wola – Wydział ${tag}`,
        address: 'al. Solidarności 90, 01-003 Warszawa',
        district: 'Wola',
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
        observesPublicHolidays: false,
        services: [{ serviceId: service.json().id, desks }],
      },
    });
    expect(office.statusCode).toBe(201);
    created.serviceIds.push(service.json().id);
    created.officeIds.push(office.json().id);
    return { serviceCode: service.json().code as string, officeId: office.json().id as number, tag };
  }

  async function freeSlots(serviceCode: string, officeId: number): Promise<FreeSlot[]> {
    const today = warsawToday(new Date());
    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/v1/bookings/slots?service=${serviceCode}&office=${officeId}&from=${today}&to=${addDays(today, 1)}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  /** The first free slot starting at least `seconds` from now. */
  async function slotIn(serviceCode: string, officeId: number, seconds: number): Promise<FreeSlot> {
    const slots = await freeSlots(serviceCode, officeId);
    const slot = slots.find((s) => Date.parse(s.start) >= Date.now() + seconds * 1000);
    if (!slot) throw new Error('no free slot');
    return slot;
  }

  async function book(
    place: { serviceCode: string; officeId: number },
    slotStart: string,
    extra: Record<string, unknown> = {},
  ) {
    return fixture.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'idempotency-key': `booking-${randomUUID()}` },
      payload: {
        service: place.serviceCode,
        officeId: place.officeId,
        slotStart,
        contact: { name: 'Anna Kowalska', email: `anna-${randomUUID().slice(0, 6)}@example.test` },
        ...extra,
      },
    });
  }

  async function booked(place: { serviceCode: string; officeId: number }, slotStart: string, extra = {}) {
    const response = await book(place, slotStart, extra);
    expect(response.statusCode).toBe(201);
    const answer = response.json<Omit<Booked, 'id'>>();
    expect(answer).not.toHaveProperty('id');
    return { ...answer, id: await bookingIdOfReference(fixture.orm, answer.reference) };
  }

  async function statusOf(id: string): Promise<string> {
    const [row] = await fixture.orm.em
      .fork()
      .execute<{ status: string }[]>('select status from bookings where id = ?', [id]);
    return row.status;
  }

  const clerkAction = async (id: string, action: 'check-in' | 'no-show') =>
    fixture.app.inject({
      method: 'POST',
      url: `/api/bookings/${id}/${action}`,
      headers: { authorization: await fixture.authorization('clerk') },
    });

  const mailOf = (reference: string, words: string, timeoutMs = 60_000) =>
    smtp.waitFor((mail) => (mail.subject ?? '').startsWith(`[${reference}] ${words}`), timeoutMs);

  /** When each timer the workflow has started and neither fired nor cancelled is due (ms). */
  function pendingTimersDueAt(history: Awaited<ReturnType<typeof settledHistory>>): number[] {
    const due = new Map<string, number>();
    for (const event of history) {
      const started = event.timerStartedEventAttributes;
      if (started)
        due.set(String(event.eventId), tsToMs(event.eventTime) + tsToMs(started.startToFireTimeout));
      const ended = event.timerFiredEventAttributes ?? event.timerCanceledEventAttributes;
      if (ended) due.delete(String(ended.startedEventId));
    }
    return [...due.values()];
  }

  function calendarOf(mail: ParsedMail) {
    const attachment = mail.attachments.find((a: Attachment) => a.contentType === 'text/calendar');
    expect(attachment?.filename).toMatch(/^wizyta-R-\d{2}-\d{6}\.ics$/);
    const [event] = parseIcs(attachment!.content.toString('utf8')).events;
    return event;
  }

  it.concurrent(
    'books, mails the confirmation and the reminder with the visit as .ics, checks in and completes',
    async () => {
      const place = await offering(2);
      const slot = await slotIn(place.serviceCode, place.officeId, REMINDED_VISIT_SECONDS);
      const booking = await booked(place, slot.start);
      expect(booking).toMatchObject({ status: 'CONFIRMED', slotStart: new Date(slot.start).toISOString() });

      const confirmation = await mailOf(booking.reference, 'Potwierdzenie wizyty');
      const event = calendarOf(confirmation);
      expect(event.UID).toBe(`${booking.reference}@um.test`);
      expect(icsUtc(event.DTSTART).toISOString()).toBe(booking.slotStart);
      expect(icsUtc(event.DTEND).toISOString()).toBe(booking.slotEnd);
      expect(event.SUMMARY).toBe(`Wizyta ${place.tag} – Urząd Dzielnicy Wola – Wydział ${place.tag}`);
      expect(event.LOCATION).toBe(
        `Urząd Dzielnicy Wola – Wydział ${place.tag}, al. Solidarności 90, 01-003 Warszawa`,
      );
      expect(event).toMatchObject({ STATUS: 'CONFIRMED', SEQUENCE: '0' });
      expect(confirmation.text).toContain(
        `https://19115.test/portal/book/manage?reference=${booking.reference}&token=${booking.token}`,
      );

      const reminder = await mailOf(booking.reference, 'Przypomnienie o wizycie', 120_000);
      const remindedAt = Date.now();
      const start = Date.parse(booking.slotStart);
      expect(remindedAt).toBeGreaterThanOrEqual(start - REMINDER_LEAD_SECONDS * 1000 - 1000);
      expect(remindedAt).toBeLessThan(start);
      expect(calendarOf(reminder)).toMatchObject({ UID: event.UID, DTSTART: event.DTSTART });

      const checkIn = await clerkAction(booking.id, 'check-in');
      expect(checkIn.statusCode).toBe(200);
      expect(checkIn.json()).toMatchObject({ status: 'CHECKED_IN', availableActions: [] });
      expect(checkIn.json().checkedInAt).not.toBeNull();
      expect((await clerkAction(booking.id, 'check-in')).statusCode).toBe(409);

      const handle = fixture.temporal.workflow.getHandle(bookingWorkflowId(booking.id));
      const final = await handle.result();
      expect(final.status).toBe('COMPLETED');
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(booking.slotEnd));
      expect(await statusOf(booking.id)).toBe('COMPLETED');
      // Exactly one confirmation and one reminder: the workflow mails each event once.
      expect(smtp.messages.filter((m) => m.subject?.startsWith(`[${booking.reference}]`))).toHaveLength(2);
    },
    VISIT_TIMEOUT_MS,
  );

  it.concurrent(
    'records a no-show only after the grace period, and by itself when nobody came by the end',
    async () => {
      const place = await offering(2);
      const slot = await slotIn(place.serviceCode, place.officeId, 15);
      const phoneOnly = { contact: { name: 'Jan Nowak', phone: '+48 22 443 00 00' } };
      const marked = await booked(place, slot.start, phoneOnly);
      const forgotten = await booked(place, slot.start, phoneOnly);

      const early = await clerkAction(marked.id, 'no-show');
      expect(early.statusCode).toBe(409);
      expect(early.json().message).toMatch(/may still come/);

      // The clerk tries again until the workflow takes the no-show, which is never before the grace.
      const allowedAt = Date.parse(marked.slotStart) + GRACE_SECONDS * 1000;
      const noShow = await eventually(
        async () => {
          const attempt = await clerkAction(marked.id, 'no-show');
          const tooEarly = attempt.statusCode === 409 && /may still come/.test(attempt.json().message);
          return !tooEarly && attempt;
        },
        { timeoutMs: allowedAt - Date.now() + 20_000, intervalMs: 250, what: 'the grace period to pass' },
      );
      expect(Date.now()).toBeGreaterThanOrEqual(allowedAt);
      expect(noShow.statusCode).toBe(200);
      expect(noShow.json()).toMatchObject({ status: 'NO_SHOW' });
      const result = await fixture.temporal.workflow.getHandle(bookingWorkflowId(marked.id)).result();
      expect(result.status).toBe('NO_SHOW');
      expect((await clerkAction(marked.id, 'check-in')).statusCode).toBe(409);

      // Nobody checked the other resident in: after the slot and the grace period, the workflow records it.
      expect(await statusOf(forgotten.id)).toBe('CONFIRMED');
      const auto = await fixture.temporal.workflow.getHandle(bookingWorkflowId(forgotten.id)).result();
      expect(auto.status).toBe('NO_SHOW');
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(forgotten.slotEnd) + GRACE_SECONDS * 1000);
      expect(await statusOf(forgotten.id)).toBe('NO_SHOW');
    },
    VISIT_TIMEOUT_MS,
  );

  it.concurrent(
    'moves a booking to another slot: the old one frees up, the calendar event moves, the reminder follows',
    async () => {
      const place = await offering(1);
      // Far enough ahead that the visit has not begun by the time it is moved, however slow the machine.
      const first = await slotIn(place.serviceCode, place.officeId, 300);
      const booking = await booked(place, first.start);
      const confirmation = calendarOf(await mailOf(booking.reference, 'Potwierdzenie wizyty'));
      const taken = (await slotIn(place.serviceCode, place.officeId, 600)).start;
      const other = await booked(place, taken, {
        contact: { name: 'Piotr Zieliński', phone: '+48 500 100 200' },
      });
      // The new slot comes sooner, so its reminder is due within the test; the first slot is taken
      // by the booking itself (one desk), so this is another one.
      const later = new Date(
        (await slotIn(place.serviceCode, place.officeId, REMINDED_VISIT_SECONDS)).start,
      ).toISOString();
      const moveUrl = `/api/v1/bookings/${booking.reference}/reschedule?token=${booking.token}`;

      const ontoTaken = await fixture.app.inject({
        method: 'POST',
        url: moveUrl,
        payload: { slotStart: taken },
      });
      expect(ontoTaken.statusCode).toBe(409);
      expect(ontoTaken.json()).toMatchObject({ code: 'CONFLICT', reason: 'SLOT_TAKEN' });
      const offGrid = await fixture.app.inject({
        method: 'POST',
        url: moveUrl,
        payload: { slotStart: new Date(Date.parse(later) + 30_000).toISOString() },
      });
      expect(offGrid.statusCode).toBe(422);
      expect(Object.keys(offGrid.json().errors)).toEqual(['slotStart']);

      const moved = await fixture.app.inject({ method: 'POST', url: moveUrl, payload: { slotStart: later } });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ status: 'CONFIRMED', slotStart: later, rescheduleCount: 1 });
      expect(moved.json()).not.toHaveProperty('id');
      const free = await freeSlots(place.serviceCode, place.officeId);
      expect(free.some((s) => s.start === new Date(first.start).toISOString())).toBe(true);
      expect(free.some((s) => s.start === later)).toBe(false);
      expect(free.some((s) => s.start === other.slotStart)).toBe(false);

      const notice = calendarOf(await mailOf(booking.reference, 'Zmiana terminu wizyty'));
      expect(notice).toMatchObject({ UID: confirmation.UID, SEQUENCE: '1', STATUS: 'CONFIRMED' });
      expect(icsUtc(notice.DTSTART).toISOString()).toBe(later);

      const reminder = await mailOf(booking.reference, 'Przypomnienie o wizycie', 120_000);
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(later) - REMINDER_LEAD_SECONDS * 1000 - 1000);
      expect(calendarOf(reminder)).toMatchObject({ SEQUENCE: '1' });
      expect(icsUtc(calendarOf(reminder).DTSTART).toISOString()).toBe(later);

      const checkIn = await clerkAction(booking.id, 'check-in');
      expect(checkIn.statusCode).toBe(200);
      expect(checkIn.json()).toMatchObject({ status: 'CHECKED_IN', slotStart: later });
      const reminders = smtp.messages.filter((m) =>
        m.subject?.startsWith(`[${booking.reference}] Przypomnienie`),
      );
      expect(reminders).toHaveLength(1);
    },
    VISIT_TIMEOUT_MS,
  );

  it.concurrent(
    'cancels a booking: the slot is free for the next resident and the calendar event is withdrawn',
    async () => {
      const place = await offering(1);
      const slot = await slotIn(place.serviceCode, place.officeId, 600);
      const booking = await booked(place, slot.start);
      const second = await book(place, slot.start);
      expect(second.statusCode).toBe(409);
      expect((await freeSlots(place.serviceCode, place.officeId)).some((s) => s.start === slot.start)).toBe(
        false,
      );

      const wrongToken = await fixture.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${booking.reference}/cancel?token=${'x'.repeat(32)}`,
        payload: {},
      });
      expect(wrongToken.statusCode).toBe(404);

      const cancelled = await fixture.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${booking.reference}/cancel?token=${booking.token}`,
        payload: { reason: 'Załatwię sprawę przez ePUAP' },
      });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'CANCELLED' });
      expect(cancelled.json()).not.toHaveProperty('id');
      expect(
        (await freeSlots(place.serviceCode, place.officeId)).find((s) => s.start === slot.start)?.freeDesks,
      ).toBe(1);

      const next = await booked(place, slot.start, {
        contact: { name: 'Ewa Wiśniewska', phone: '+48 601 000 001' },
      });
      expect(next.status).toBe('CONFIRMED');

      const notice = calendarOf(await mailOf(booking.reference, 'Odwołanie wizyty'));
      expect(notice).toMatchObject({
        STATUS: 'CANCELLED',
        SEQUENCE: '1',
        UID: `${booking.reference}@um.test`,
      });
      const again = await fixture.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${booking.reference}/cancel?token=${booking.token}`,
        payload: {},
      });
      expect(again.statusCode).toBe(409);
      const view = await fixture.app.inject({
        method: 'GET',
        url: `/api/v1/bookings/${booking.reference}?token=${booking.token}`,
      });
      expect(view.json()).toMatchObject({ status: 'CANCELLED', reference: booking.reference });
      // Public answers name a booking by reference and token only, never by its internal id.
      expect(view.json()).not.toHaveProperty('id');
      expect(view.body).not.toContain(booking.id);
      expect(await statusOf(booking.id)).toBe('CANCELLED');
      const [row] = await fixture.orm.em
        .fork()
        .execute<{ cancel_reason: string; token_hash: string }[]>(
          'select cancel_reason, token_hash from bookings where id = ?',
          [booking.id],
        );
      expect(row.cancel_reason).toBe('Załatwię sprawę przez ePUAP');
      // Only the token's hash is kept.
      expect(row.token_hash).not.toContain(booking.token);
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    },
    VISIT_TIMEOUT_MS,
  );

  it.concurrent(
    'releases a held slot nobody confirmed in time, and confirms one that was',
    async () => {
      const place = await offering(1);
      const slot = await slotIn(place.serviceCode, place.officeId, 600);
      const asked = Date.now();
      const held = await booked(place, slot.start, { confirm: false });
      expect(held.status).toBe('HELD');
      // Held for the whole hold from when it was asked (a loaded machine may take seconds to answer).
      expect(Date.parse(held.heldUntil!)).toBeGreaterThanOrEqual(asked + HOLD_SECONDS * 1000 - 1000);
      expect((await book(place, slot.start)).statusCode).toBe(409);

      const state = await fixture.temporal.workflow.getHandle(bookingWorkflowId(held.id)).result();
      expect(state.status).toBe('EXPIRED');
      expect(await statusOf(held.id)).toBe('EXPIRED');
      const late = await fixture.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${held.reference}/confirm?token=${held.token}`,
      });
      expect(late.statusCode).toBe(409);
      expect((await freeSlots(place.serviceCode, place.officeId)).some((s) => s.start === slot.start)).toBe(
        true,
      );

      const onTime = await booked(place, slot.start, { confirm: false });
      const confirmed = await fixture.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${onTime.reference}/confirm?token=${onTime.token}`,
      });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json()).toMatchObject({ status: 'CONFIRMED', heldUntil: null });
      expect(confirmed.json()).not.toHaveProperty('id');
      // Only a timer moves a booking on by itself: once the workflow has taken the confirmation in,
      // the first timer it still holds is the reminder's, so nothing expires the booking when its
      // hold would have ended (a timer for the hold would be due then, minutes before the reminder).
      const history = await settledHistory(fixture.temporal.workflow.getHandle(bookingWorkflowId(onTime.id)));
      const pending = pendingTimersDueAt(history);
      expect(pending.length).toBeGreaterThan(0);
      expect(Math.min(...pending)).toBeGreaterThanOrEqual(
        Date.parse(onTime.slotStart) - REMINDER_LEAD_SECONDS * 1000,
      );
      expect(await statusOf(onTime.id)).toBe('CONFIRMED');
      expect(calendarOf(await mailOf(onTime.reference, 'Potwierdzenie wizyty'))).toMatchObject({
        STATUS: 'CONFIRMED',
      });
      // A hold that expired was never announced: no mail for it.
      expect(smtp.messages.some((m) => m.subject?.startsWith(`[${held.reference}]`))).toBe(false);
    },
    VISIT_TIMEOUT_MS,
  );

  it('counts the bookings made as cases of kind BOOKING in the city-wide statistics', async () => {
    const today = warsawToday(new Date());
    const from = addDays(today, -1);
    const [{ n }] = await fixture.orm.em
      .fork()
      .getConnection()
      .execute<{ n: string }[]>(
        `select count(*) as n from bookings
          where status <> 'EXPIRED' and created_at >= (?::date)::timestamp at time zone 'Europe/Warsaw'`,
        [from],
      );
    // The tests above booked visits; expired holds never became bookings.
    expect(Number(n)).toBeGreaterThan(0);
    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/statistics/volumes?dimension=kind&bucket=day&from=${from}&to=${today}`,
      headers: { authorization: await fixture.authorization('manager') },
    });
    expect(response.statusCode).toBe(200);
    const totals = response.json<{ totals: { key: string | null; count: number }[] }>().totals;
    expect(totals.find((total) => total.key === 'BOOKING')?.count).toBe(Number(n));
  });
});
