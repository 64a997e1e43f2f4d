import { randomUUID } from 'node:crypto';
import type { Attachment } from 'mailparser';
import { bookingWorkflowId } from '../../domain/bookings/booking-reference';
import { addDays, warsawToday } from '../../domain/bookings/slots';
import { bookingIdOfReference, decodedPayload, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type ParsedMail, type SmtpListener } from '../support/smtp-listener';
import { icsUtc, parseIcs } from '../unit/bookings/parse-ics';

interface FreeSlot {
  officeId: number;
  start: string;
  freeDesks: number;
}

interface Booked {
  id: string;
  reference: string;
  token: string;
  slotStart: string;
}

const VISIT_TIMEOUT_MS = 180_000;

/**
 * A resident phones 19115 ("I can't come on Tuesday") and a clerk cancels or moves the visit from
 * the back office: the same workflow update as the resident's own, with the clerk as its actor, on
 * the real Temporal dev server and PostgreSQL; the resident's mail is read back from an SMTP listener.
 */
describe('a clerk cancels or moves a visit on the resident’s behalf', () => {
  let smtp: SmtpListener;
  let fixture: TestApp;
  const created: { serviceIds: number[]; officeIds: number[] } = { serviceIds: [], officeIds: [] };

  beforeAll(async () => {
    smtp = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Urząd m.st. Warszawy <wizyty@um.test>',
        PUBLIC_URL: 'https://19115.test',
        BOOKING_HOLD_SECONDS: '3',
        BOOKING_REMINDER_LEAD_SECONDS: '20',
        BOOKING_NO_SHOW_GRACE_SECONDS: '2',
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

  const as = async (username: string) => ({ authorization: await fixture.authorization(username) });

  /** A one-minute service with one desk at an office of its own, open every day round the clock. */
  async function offering() {
    const tag = randomUUID().slice(0, 8).toUpperCase();
    const service = await fixture.app.inject({
      method: 'POST',
      url: '/api/booking-services',
      headers: await as('admin'),
      payload: { code: `CALL_${tag}`, namePl: `Wizyta ${tag}`, nameEn: `Visit ${tag}`, durationMinutes: 1 },
    });
    expect(service.statusCode).toBe(201);
    const office = await fixture.app.inject({
      method: 'POST',
      url: '/api/booking-offices',
      headers: await as('admin'),
      payload: {
        code: `CALL-${tag}`,
        name: `Urząd Dzielnicy Mokotów ${tag}`,
        address: 'ul. Rakowiecka 25/27, 02-517 Warszawa',
        district: 'Mokotów',
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
        observesPublicHolidays: false,
        services: [{ serviceId: service.json().id, desks: 1 }],
      },
    });
    expect(office.statusCode).toBe(201);
    created.serviceIds.push(service.json().id);
    created.officeIds.push(office.json().id);
    return { serviceCode: service.json().code as string, officeId: office.json().id as number };
  }

  async function freeSlots(place: { serviceCode: string; officeId: number }): Promise<FreeSlot[]> {
    const today = warsawToday(new Date());
    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/v1/bookings/slots?service=${place.serviceCode}&office=${place.officeId}&from=${today}&to=${addDays(today, 1)}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  /** Free slot starts at least ten minutes ahead, so no visit begins while a test runs. */
  async function laterSlots(place: { serviceCode: string; officeId: number }): Promise<string[]> {
    return (await freeSlots(place))
      .filter((s) => Date.parse(s.start) >= Date.now() + 600_000)
      .map((s) => new Date(s.start).toISOString());
  }

  async function booked(place: { serviceCode: string; officeId: number }, slotStart: string) {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'idempotency-key': `booking-${randomUUID()}` },
      payload: {
        service: place.serviceCode,
        officeId: place.officeId,
        slotStart,
        contact: { name: 'Halina Mazur', email: `halina-${randomUUID().slice(0, 6)}@example.test` },
      },
    });
    expect(response.statusCode).toBe(201);
    const answer = response.json<Omit<Booked, 'id'>>();
    return { ...answer, id: await bookingIdOfReference(fixture.orm, answer.reference) };
  }

  const mailOf = (reference: string, words: string) =>
    smtp.waitFor((mail) => (mail.subject ?? '').startsWith(`[${reference}] ${words}`), 60_000);

  function calendarOf(mail: ParsedMail) {
    const attachment = mail.attachments.find((a: Attachment) => a.contentType === 'text/calendar');
    return parseIcs(attachment!.content.toString('utf8')).events[0];
  }

  /** The actors of the booking's workflow updates, from its history: who changed it. */
  async function updateActors(
    bookingId: string,
  ): Promise<{ action: string; actor: { id: string; role: string } }[]> {
    const history = await fixture.temporal.workflow.getHandle(bookingWorkflowId(bookingId)).fetchHistory();
    const payloads = (history.events ?? []).flatMap((event) => {
      const payload =
        event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads?.[0];
      return payload ? [payload] : [];
    });
    // The history holds them encrypted: the client's own codec reads them.
    return Promise.all(
      payloads.map((payload) =>
        decodedPayload<{ action: string; actor: { id: string; role: string } }>(fixture.temporal, payload),
      ),
    );
  }

  const clerkPost = async (id: string, action: string, payload: unknown, username = 'clerk') =>
    fixture.app.inject({
      method: 'POST',
      url: `/api/bookings/${id}/${action}`,
      headers: await as(username),
      payload: payload as Record<string, unknown>,
    });

  it.concurrent(
    'cancels: the booking is cancelled, its slot free again, the resident mailed, the clerk recorded',
    async () => {
      const place = await offering();
      const [slot] = await laterSlots(place);
      const booking = await booked(place, slot);
      await mailOf(booking.reference, 'Potwierdzenie wizyty');

      const noReason = await clerkPost(booking.id, 'cancel', {});
      expect(noReason.statusCode).toBe(400);
      expect(Object.keys(noReason.json().errors)).toEqual(['reason']);

      const cancelled = await clerkPost(booking.id, 'cancel', { reason: 'Telefon 19115: nie może przyjść' });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({ id: booking.id, status: 'CANCELLED', availableActions: [] });
      expect(cancelled.json().cancelledAt).not.toBeNull();
      expect((await freeSlots(place)).find((s) => new Date(s.start).toISOString() === slot)?.freeDesks).toBe(
        1,
      );

      const notice = await mailOf(booking.reference, 'Odwołanie wizyty');
      expect(calendarOf(notice)).toMatchObject({ STATUS: 'CANCELLED', SEQUENCE: '1' });
      const [row] = await fixture.orm.em
        .fork()
        .execute<{ status: string; cancel_reason: string }[]>(
          'select status, cancel_reason from bookings where id = ?',
          [booking.id],
        );
      expect(row).toEqual({ status: 'CANCELLED', cancel_reason: 'Telefon 19115: nie może przyjść' });
      const clerkId = (
        await fixture.orm.em
          .fork()
          .execute<{ id: string }[]>('select id from users where username = ?', ['clerk'])
      )[0].id;
      expect(await updateActors(booking.id)).toEqual([
        expect.objectContaining({ action: 'cancel', actor: { id: clerkId, role: 'CLERK' } }),
      ]);

      const again = await clerkPost(booking.id, 'cancel', { reason: 'jeszcze raz' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'INVALID_TRANSITION' });
      const moveCancelled = await clerkPost(booking.id, 'reschedule', { slotStart: slot });
      expect(moveCancelled.statusCode).toBe(409);
      expect(moveCancelled.json()).toMatchObject({ code: 'INVALID_TRANSITION' });
    },
    VISIT_TIMEOUT_MS,
  );

  it.concurrent(
    'moves: the new slot is taken, the old one free, the calendar event moved; a taken slot is a 409 SLOT_TAKEN',
    async () => {
      const place = await offering();
      const [first, taken, later] = await laterSlots(place);
      const booking = await booked(place, first);
      const confirmation = calendarOf(await mailOf(booking.reference, 'Potwierdzenie wizyty'));
      await booked(place, taken);

      const ontoTaken = await clerkPost(booking.id, 'reschedule', { slotStart: taken });
      expect(ontoTaken.statusCode).toBe(409);
      expect(ontoTaken.json()).toMatchObject({ code: 'CONFLICT', reason: 'SLOT_TAKEN' });
      const offGrid = await clerkPost(booking.id, 'reschedule', {
        slotStart: new Date(Date.parse(later) + 30_000).toISOString(),
      });
      expect(offGrid.statusCode).toBe(422);
      expect(Object.keys(offGrid.json().errors)).toEqual(['slotStart']);
      const noSlot = await clerkPost(booking.id, 'reschedule', { officeId: place.officeId });
      expect(noSlot.statusCode).toBe(400);
      expect(Object.keys(noSlot.json().errors)).toEqual(['slotStart']);

      const moved = await clerkPost(booking.id, 'reschedule', { slotStart: later }, 'admin');
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ status: 'CONFIRMED', slotStart: later, rescheduleCount: 1 });
      expect(moved.json().availableActions).toEqual(expect.arrayContaining(['cancel', 'reschedule']));
      const free = (await freeSlots(place)).map((s) => new Date(s.start).toISOString());
      expect(free).toContain(first);
      expect(free).not.toContain(later);
      expect(free).not.toContain(taken);

      const notice = calendarOf(await mailOf(booking.reference, 'Zmiana terminu wizyty'));
      expect(notice).toMatchObject({ UID: confirmation.UID, SEQUENCE: '1', STATUS: 'CONFIRMED' });
      expect(icsUtc(notice.DTSTART).toISOString()).toBe(later);
      // The refused move onto the taken slot is on record too: the workflow accepted it and then found the desk taken.
      expect(await updateActors(booking.id)).toEqual([
        expect.objectContaining({
          action: 'reschedule',
          slotStart: taken,
          actor: expect.objectContaining({ role: 'CLERK' }),
        }),
        expect.objectContaining({
          action: 'reschedule',
          slotStart: later,
          actor: expect.objectContaining({ role: 'ADMIN' }),
        }),
      ]);
    },
    VISIT_TIMEOUT_MS,
  );

  it('lets only clerks and administrators act: 401 anonymous, 403 others, 404 an unknown visit', async () => {
    const place = await offering();
    const [slot, other] = await laterSlots(place);
    const booking = await booked(place, slot);
    for (const [action, payload] of [
      ['cancel', { reason: 'Telefon 19115' }],
      ['reschedule', { slotStart: other }],
    ] as const) {
      const anonymous = await fixture.app.inject({
        method: 'POST',
        url: `/api/bookings/${booking.id}/${action}`,
        payload,
      });
      expect(anonymous.statusCode).toBe(401);
      for (const username of ['manager', 'zdm']) {
        expect((await clerkPost(booking.id, action, payload, username)).statusCode).toBe(403);
      }
      expect((await clerkPost(randomUUID(), action, payload)).statusCode).toBe(404);
    }
    const manager = await fixture.app.inject({
      method: 'GET',
      url: `/api/bookings/${booking.id}`,
      headers: await as('manager'),
    });
    expect(manager.json().availableActions).toEqual([]);
    const [row] = await fixture.orm.em
      .fork()
      .execute<{ status: string; slot_start: Date }[]>(
        'select status, slot_start from bookings where id = ?',
        [booking.id],
      );
    expect(row.status).toBe('CONFIRMED');
    expect(new Date(row.slot_start).toISOString()).toBe(slot);
  });
});
