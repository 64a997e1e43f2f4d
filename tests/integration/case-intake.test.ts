import type { FastifyInstance } from 'fastify';
import type { Orm } from '../../db/orm';
import { startTestApp, type TestApp } from '../support/integration';

/**
 * Intake refuses bad input with a 4xx naming the problem and leaves nothing behind; a retried
 * request with the same Idempotency-Key never creates a second case. No worker runs here: the
 * workflows only need to be started, not executed.
 */
describe('filing a case through the public API', () => {
  let fixture: TestApp;
  let orm: Orm;
  let app: FastifyInstance;

  beforeAll(async () => {
    fixture = await startTestApp();
    ({ orm, app } = fixture);
  });
  afterAll(() => fixture.close());

  const countCases = async () =>
    Number(
      (await orm.em.fork().getConnection().execute<{ n: string }[]>('select count(*) as n from cases'))[0].n,
    );

  const valid = {
    kind: 'INCIDENT',
    eventCode: 'STREETLIGHT_OUT',
    description: 'Latarnia nie świeci',
    district: 'Wola',
  };

  it.each([
    [{ ...valid, kind: 'PARTY' }, 'kind'],
    [{ ...valid, description: '' }, 'description'],
    [{ ...valid, location: { lat: 95, lon: 21 } }, 'location.lat'],
    [{ ...valid, location: { lat: 52.2 } }, 'location.lat'],
    [{ ...valid, contact: { email: 'not-an-address' } }, 'contact.email'],
    [{ ...valid, channel: 'PHONE' }, 'channel'],
    [{ ...valid, eventCode: 'pothole; drop table' }, 'eventCode'],
    [{ ...valid, extra: 1 }, 'body'],
  ])('answers 400 naming the field for %j', async (payload, field) => {
    const before = await countCases();
    const response = await app.inject({ method: 'POST', url: '/api/v1/cases', payload });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ code: string; errors: Record<string, string> }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(body.errors)).toContain(field);
    expect(await countCases()).toBe(before);
  });

  it('answers 422 for an event or district the city does not know', async () => {
    const before = await countCases();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { ...valid, eventCode: 'ALIEN_LANDING', district: 'Atlantis' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'UNPROCESSABLE',
      errors: { eventCode: 'unknown event code "ALIEN_LANDING"', district: 'unknown district "Atlantis"' },
    });
    expect(await countCases()).toBe(before);
  });

  it('answers 400 for malformed JSON and 415 for a body that is not JSON', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { 'content-type': 'application/json' },
      payload: '{"kind":',
    });
    expect(malformed.statusCode).toBe(400);
    const xml = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { 'content-type': 'application/xml' },
      payload: '<case/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('returns the same case for the same Idempotency-Key and body, and 409 for another body', async () => {
    const headers = { 'idempotency-key': `retry-${Date.now()}` };
    const first = await app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: valid });
    expect(first.statusCode).toBe(201);
    // The same body with its keys in another order is the same request.
    const reordered = {
      district: valid.district,
      description: valid.description,
      eventCode: valid.eventCode,
      kind: valid.kind,
    };
    const replay = await app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: reordered });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(replay.json()).toEqual(first.json());
    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers,
      payload: { ...valid, description: 'Inna treść' },
    });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    // The conflict says nothing of the case the key made.
    expect(other.body).not.toContain(first.json().number);
  });

  it('creates one case for 20 concurrent requests with the same Idempotency-Key', async () => {
    const before = await countCases();
    const headers = { 'idempotency-key': `burst-${Date.now()}` };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: valid }),
      ),
    );
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(new Set(responses.map((r) => r.json().number)).size).toBe(1);
    expect(await countCases()).toBe(before + 1);
  });

  it('numbers cases without gaps, even when replays race', async () => {
    const lastNumber = async () =>
      Number(
        (
          await orm.em
            .fork()
            .execute<{ last_value: number }[]>(
              'select coalesce(max(last_value), 0) as last_value from case_number_counters',
            )
        )[0].last_value,
      );
    const start = await lastNumber();
    const headers = { 'idempotency-key': `race-${Date.now()}` };
    await Promise.all([
      ...Array.from({ length: 5 }, () =>
        app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: valid }),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          payload: { ...valid, description: `Latarnia ${i}` },
        }),
      ),
    ]);
    expect(await lastNumber()).toBe(start + 6);
    const rows = await orm.em.fork().execute<{ number: string }[]>(
      // The case expression guards the cast: PostgreSQL may evaluate conditions in any order.
      `select number from cases
        where case when number ~ '^[0-9]+/' then split_part(number, '/', 1)::int end between ? and ?`,
      // Other test files plant cases with numbers far above the counter (or not numbered like
      // ours at all): look near the counter only.
      [start + 1, start + 1000],
    );
    expect(rows.map((r) => Number(r.number.split('/')[0])).sort((a, b) => a - b)).toEqual(
      [1, 2, 3, 4, 5, 6].map((i) => start + i),
    );
  });
});
