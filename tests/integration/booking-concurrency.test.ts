import { randomUUID } from 'node:crypto';
import { addDays, warsawToday } from '../../domain/bookings/slots';
import { clientScopedKey } from '../../services/cases/accept-case';
import { startTestApp, type TestApp } from '../support/integration';

interface FreeSlot {
  officeId: number;
  start: string;
  end: string;
  time: string;
  freeDesks: number;
}

/**
 * Booking under contention, through the public API on the run's PostgreSQL and Temporal: the
 * exclusion constraint, not a check in code, decides who gets the last desk, so 50 requests for
 * 10 free places make exactly 10 bookings; retries with an Idempotency-Key make no second one.
 */
describe('booking under concurrent requests', () => {
  let fixture: TestApp;
  const tag = randomUUID().slice(0, 8).toUpperCase();
  const serviceCode = `CONC_${tag}`;
  let serviceId: number;
  let officeId: number;
  // A week ahead, so every slot of the day is bookable whenever the test runs.
  const date = addDays(warsawToday(new Date()), 7);

  // Starting a worker can take a while on a machine shared with other test runs.
  beforeAll(async () => {
    fixture = await startTestApp({ worker: true, demoUsers: true });
    const admin = { authorization: await fixture.authorization('admin') };
    const service = await fixture.app.inject({
      method: 'POST',
      url: '/api/booking-services',
      headers: admin,
      payload: {
        code: serviceCode,
        namePl: 'Test współbieżności',
        nameEn: 'Concurrency test',
        durationMinutes: 30,
      },
    });
    expect(service.statusCode).toBe(201);
    serviceId = service.json().id;
    // Five half-hour slots a day (08:00-10:30), two desks each: ten places.
    const office = await fixture.app.inject({
      method: 'POST',
      url: '/api/booking-offices',
      headers: admin,
      payload: {
        code: `CONC-${tag}`,
        name: `Urząd testowy ${tag}`,
        address: 'ul. Testowa 1, 00-001 Warszawa',
        district: 'Wola',
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '10:30' })),
        observesPublicHolidays: false,
        services: [{ serviceId, desks: 2 }],
      },
    });
    expect(office.statusCode).toBe(201);
    officeId = office.json().id;
  }, 120_000);

  afterAll(async () => {
    if (fixture) {
      const db = fixture.orm.em.fork();
      await db.execute('delete from bookings where service_id = ?', [serviceId]);
      await db.execute('delete from booking_offices where id = ?', [officeId]);
      await db.execute('delete from booking_services where id = ?', [serviceId]);
      await fixture.close();
    }
  });

  async function freeSlots(day: string): Promise<FreeSlot[]> {
    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/v1/bookings/slots?service=${serviceCode}&office=${officeId}&from=${day}&to=${day}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  const bookingBody = (slotStart: string, n: number) => ({
    service: serviceCode,
    officeId,
    slotStart,
    contact: { name: `Mieszkaniec ${n}`, phone: `+48 600 000 ${String(n).padStart(3, '0')}` },
  });

  it('lists the bookable services and the offices offering them, with their hours', async () => {
    const services = (await fixture.app.inject('/api/v1/bookings/services')).json<{ code: string }[]>();
    expect(services.find((s) => s.code === serviceCode)).toEqual({
      code: serviceCode,
      namePl: 'Test współbieżności',
      nameEn: 'Concurrency test',
      durationMinutes: 30,
      officeIds: [officeId],
    });
    // The seeded Warsaw offices are there too.
    expect(services.map((s) => s.code)).toEqual(expect.arrayContaining(['VEHICLE_REGISTRATION', 'ID_CARD']));
    const offices = await fixture.app.inject(`/api/v1/bookings/offices?service=${serviceCode}`);
    expect(offices.json()).toEqual([
      {
        id: officeId,
        code: `CONC-${tag}`,
        name: `Urząd testowy ${tag}`,
        address: 'ul. Testowa 1, 00-001 Warszawa',
        district: 'Wola',
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '10:30' })),
        closedOnPublicHolidays: false,
        services: [{ code: serviceCode, desks: 2 }],
      },
    ]);
    const unknown = await fixture.app.inject('/api/v1/bookings/offices?service=NO_SUCH_SERVICE');
    expect(unknown.statusCode).toBe(400);
    expect(Object.keys(unknown.json().errors)).toEqual(['query.service']);
  });

  it('gives 50 parallel requests for 10 free places exactly 10 bookings and 40 clear 409s', async () => {
    const slots = await freeSlots(date);
    expect(slots.map((s) => [s.time, s.freeDesks])).toEqual([
      ['08:00', 2],
      ['08:30', 2],
      ['09:00', 2],
      ['09:30', 2],
      ['10:00', 2],
    ]);

    const requests = Array.from({ length: 50 }, (_, n) => {
      const key = `conc-${tag}-${n}`;
      return { key, body: bookingBody(slots[n % 5].start, n) };
    });
    const responses = await Promise.all(
      requests.map(({ key, body }) =>
        fixture.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          headers: { 'idempotency-key': key },
          payload: body,
        }),
      ),
    );

    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const refused of responses.filter((r) => r.statusCode === 409)) {
      expect(refused.json()).toMatchObject({ code: 'CONFLICT', reason: 'SLOT_TAKEN' });
      expect(refused.json().message).toMatch(/has just been taken: choose another one/);
    }

    const rows = await fixture.orm.em
      .fork()
      .execute<{ slot_start: string; desk: number; status: string }[]>(
        'select slot_start, desk, status from bookings where service_id = ? order by slot_start, desk',
        [serviceId],
      );
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.status === 'CONFIRMED')).toBe(true);
    expect(rows.map((r) => `${new Date(r.slot_start).toISOString()}#${r.desk}`)).toEqual(
      slots.flatMap((s) => [`${new Date(s.start).toISOString()}#1`, `${new Date(s.start).toISOString()}#2`]),
    );
    expect(await freeSlots(date)).toEqual([]);

    // The client that lost the winner's 201 retries with its key: the same booking and token come back.
    const winner = responses.findIndex((r) => r.statusCode === 201);
    const first = responses[winner].json();
    const retried = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'idempotency-key': requests[winner].key },
      payload: requests[winner].body,
    });
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json()).toMatchObject({ reference: first.reference, token: first.token });
    expect(retried.json()).not.toHaveProperty('id');

    const reused = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'idempotency-key': requests[winner].key },
      payload: { ...requests[winner].body, contact: { name: 'Ktoś inny', phone: '+48 600 999 999' } },
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('IDEMPOTENCY_CONFLICT');
    // Whoever reuses a key learns nothing of the booking it made.
    expect(reused.body).not.toContain(first.reference);
  });

  it('makes one booking of parallel retries that share an Idempotency-Key', async () => {
    const day = addDays(date, 1);
    const [slot] = await freeSlots(day);
    const key = `same-${tag}`;
    const body = bookingBody(slot.start, 999);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        fixture.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          headers: { 'idempotency-key': key },
          payload: body,
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.json().reference)).size).toBe(1);
    expect(new Set(responses.map((r) => r.json().token)).size).toBe(1);
    const [{ count }] = await fixture.orm.em
      .fork()
      // Stored within its client: app.inject's address.
      .execute<{ count: string }[]>('select count(*) from bookings where idempotency_key = ?', [
        clientScopedKey('127.0.0.1', key),
      ]);
    expect(Number(count)).toBe(1);
    expect((await freeSlots(day)).find((s) => s.start === slot.start)?.freeDesks).toBe(1);
  });

  it('is guarded by the database itself: a second visit at the same desk and time cannot be written', async () => {
    const db = fixture.orm.em.fork();
    const [taken] = await db.execute<
      { office_id: number; slot_start: string; slot_end: string; desk: number }[]
    >(
      `select office_id, slot_start, slot_end, desk from bookings where service_id = ? and status = 'CONFIRMED' limit 1`,
      [serviceId],
    );
    const insert = (status: string, start = taken.slot_start, end = taken.slot_end) =>
      db.execute(
        `insert into bookings (id, reference, token_hash, office_id, service_id, slot_start, slot_end, desk, status, contact_name, contact_phone)
         values (?, ?, 'x', ?, ?, ?, ?, ?, ?, 'Direct', '+48 600 000 000')`,
        [
          randomUUID(),
          `R-99-${randomUUID().slice(0, 8)}`,
          taken.office_id,
          serviceId,
          start,
          end,
          taken.desk,
          status,
        ],
      );
    await expect(insert('HELD')).rejects.toMatchObject({ code: '23P01' });
    // Overlapping by a minute is as much a double booking as the same start.
    const shifted = (value: string, minutes: number) => new Date(Date.parse(value) + minutes * 60_000);
    await expect(
      insert('CONFIRMED', shifted(taken.slot_start, 29) as never, shifted(taken.slot_end, 29) as never),
    ).rejects.toMatchObject({
      code: '23P01',
    });
    // Cancelled and expired bookings gave their desk back.
    await expect(insert('CANCELLED')).resolves.toBeDefined();
    await expect(insert('EXPIRED')).resolves.toBeDefined();
  });

  it('answers bad input with a 4xx naming the field', async () => {
    const [slot] = await freeSlots(addDays(date, 2));
    const book = (payload: Record<string, unknown>) =>
      fixture.app.inject({ method: 'POST', url: '/api/v1/bookings', payload });

    const noWayToReach = await book({ ...bookingBody(slot.start, 1), contact: { name: 'Jan Kowalski' } });
    expect(noWayToReach.statusCode).toBe(400);
    expect(noWayToReach.json().errors).toEqual({ contact: 'needs an e-mail address or a phone number' });

    const badEmail = await book({ ...bookingBody(slot.start, 1), contact: { name: 'Jan', email: 'jan@' } });
    expect(badEmail.statusCode).toBe(400);
    expect(Object.keys(badEmail.json().errors)).toEqual(['contact.email']);

    const badTime = await book({ ...bookingBody(slot.start, 1), slotStart: 'jutro o 9' });
    expect(badTime.statusCode).toBe(400);
    expect(Object.keys(badTime.json().errors)).toEqual(['slotStart']);

    const offGrid = await book(bookingBody(new Date(Date.parse(slot.start) + 10 * 60_000).toISOString(), 1));
    expect(offGrid.statusCode).toBe(422);
    expect(Object.keys(offGrid.json().errors)).toEqual(['slotStart']);

    const unknownService = await book({ ...bookingBody(slot.start, 1), service: 'NO_SUCH_SERVICE' });
    expect(unknownService.statusCode).toBe(422);
    expect(Object.keys(unknownService.json().errors)).toEqual(['service']);

    const otherOffice = await book({ ...bookingBody(slot.start, 1), officeId: 999_999 });
    expect(otherOffice.statusCode).toBe(422);
    expect(Object.keys(otherOffice.json().errors)).toEqual(['officeId']);

    const longRange = await fixture.app.inject({
      method: 'GET',
      url: `/api/v1/bookings/slots?service=${serviceCode}&from=${date}&to=${addDays(date, 31)}`,
    });
    expect(longRange.statusCode).toBe(400);
    expect(longRange.json().errors).toEqual({ 'query.to': 'the range may span at most 31 days' });

    const badDate = await fixture.app.inject({
      method: 'GET',
      url: `/api/v1/bookings/slots?service=${serviceCode}&from=2026-02-30&to=${date}`,
    });
    expect(badDate.statusCode).toBe(400);
    expect(Object.keys(badDate.json().errors)).toEqual(['query.from']);

    const badHours = await fixture.app.inject({
      method: 'PUT',
      url: `/api/booking-offices/${officeId}`,
      headers: { authorization: await fixture.authorization('admin') },
      payload: { openingHours: [{ weekday: 2, start: '16:00', end: '08:00' }] },
    });
    expect(badHours.statusCode).toBe(422);
    expect(badHours.json().errors).toEqual({ 'openingHours.0.end': 'must be after the start' });
  });

  it('lets only staff read bookings, and only clerks and administrators act or configure', async () => {
    const as = async (who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      (
        await fixture.app.inject({
          method,
          url,
          headers: who ? { authorization: await fixture.authorization(who) } : {},
          payload,
        })
      ).statusCode;
    const [booking] = await fixture.orm.em
      .fork()
      .execute<{ id: string }[]>('select id from bookings where service_id = ? limit 1', [serviceId]);
    const list = `/api/bookings?filter=${encodeURIComponent(JSON.stringify({ officeId, date }))}`;
    for (const url of [
      list,
      `/api/bookings/${booking.id}`,
      '/api/booking-offices',
      '/api/booking-statistics',
    ]) {
      expect({ url, statuses: [await as(null, 'GET', url), await as('zdm', 'GET', url)] }).toEqual({
        url,
        statuses: [401, 403],
      });
      for (const who of ['admin', 'clerk', 'manager'])
        expect({ url, who, status: await as(who, 'GET', url) }).toEqual({ url, who, status: 200 });
    }
    // Before the visit's day a check-in is refused by the booking's rules, not by the access check.
    for (const who of ['admin', 'clerk'])
      expect(await as(who, 'POST', `/api/bookings/${booking.id}/check-in`)).toBe(409);
    expect(await as('manager', 'POST', `/api/bookings/${booking.id}/check-in`)).toBe(403);
    expect(await as('zdm', 'POST', `/api/bookings/${booking.id}/no-show`)).toBe(403);
    expect(await as('clerk', 'PUT', `/api/booking-services/${serviceId}`, { durationMinutes: 30 })).toBe(403);
    expect(await as('admin', 'PUT', `/api/booking-services/${serviceId}`, { durationMinutes: 30 })).toBe(200);
  });
});
