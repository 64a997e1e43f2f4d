import { createHmac } from 'node:crypto';
import http from 'node:http';
import { freePort } from '../support/free-port';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';

const SECRET = 'unit-system-shared-secret';
const now = () => Math.floor(Date.now() / 1000);
/** The connector's signature: HMAC-SHA256 of `<unix seconds>.<body>` with the unit's secret. */
const sign = (body: string, timestamp = now()) =>
  `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;

interface Delivery {
  headers: http.IncomingHttpHeaders;
  body: string;
  answered: number;
}

/**
 * A unit's own IT system, played by a local HTTP server (the one thing outside the city we fake):
 * it gets the case as a signed webhook, with retries while it is down, and reports back through
 * signed status callbacks that move the case.
 */
describe('the connector to a unit system', () => {
  const deliveries: Delivery[] = [];
  let unitSystem: http.Server;
  let fixture: TestApp;

  beforeAll(async () => {
    const port = await freePort();
    unitSystem = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        // Down for the first delivery: the activity must retry with the same idempotency key.
        const answered = deliveries.length === 0 ? 503 : 201;
        deliveries.push({ headers: request.headers, body, answered });
        response.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => unitSystem.listen(port, '127.0.0.1', resolve));

    // The stub listens on loopback, where webhooks may lead only when an administrator allows it.
    fixture = await startTestApp({ worker: true, config: { CONNECTOR_ALLOWED_HOSTS: '127.0.0.1' } });
    const db = fixture.orm.em.fork();
    await db.execute(`update units set webhook_url = ?, webhook_secret = ? where code = 'ZTP'`, [
      `http://127.0.0.1:${port}/cases`,
      SECRET,
    ]);
    await db.execute(`insert into taxonomy_events (code, subcategory, name, name_en, default_unit, priority, resolution_hours)
      values ('MARKET_STALL', 'ORDER', 'Nielegalne stoisko', 'Illegal market stall', 'ZTP', 'low', 48) on conflict do nothing`);
    await db.execute(
      `insert into routing_rules (event_code, unit_code) values ('MARKET_STALL', 'ZTP') on conflict do nothing`,
    );
  });

  afterAll(async () => {
    await fixture?.close();
    await new Promise((resolve) => unitSystem.close(resolve));
  });

  const statusOf = async (id: string) =>
    (
      await fixture.orm.em.fork().execute<{ status: string }[]>('select status from cases where id = ?', [id])
    )[0].status;

  it('delivers the case signed, retries while the system is down, and takes its status callbacks', async () => {
    const answer = (
      await fixture.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          kind: 'INCIDENT',
          eventCode: 'MARKET_STALL',
          description: 'Stragan na chodniku',
          district: 'Wola',
        },
      })
    ).json<{ number: string }>();
    const filed = { ...answer, id: await caseIdOfNumber(fixture.orm, answer.number) };

    await eventually(async () => deliveries.some((d) => d.answered === 201), {
      timeoutMs: 30_000,
      what: 'the second delivery attempt',
    });
    const [first, second] = deliveries;
    expect(first.answered).toBe(503);
    expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(second.headers['idempotency-key']).toMatch(new RegExp(`^${filed.id}:\\d+$`));
    const sentAt = Number(second.headers['x-civicflow-timestamp']);
    expect(Math.abs(sentAt - now())).toBeLessThan(120);
    expect(second.headers['x-civicflow-signature']).toBe(sign(second.body, sentAt));
    const payload = JSON.parse(second.body);
    expect(payload).toMatchObject({
      type: 'case.forwarded',
      case: { number: filed.number, eventCode: 'MARKET_STALL' },
    });
    expect(payload.callbackUrl).toContain(`/api/connectors/units/ZTP/cases/${filed.id}/status`);
    expect(JSON.stringify(payload)).not.toMatch(/contact|email|phone/i);
    // The delivery is recorded once the workflow hears the activity's answer, a moment after the
    // unit's system had it: its callbacks below come after that, so the timeline's order is fixed.
    await eventually(
      async () =>
        (
          await fixture.orm.em
            .fork()
            .execute(`select 1 from case_events where case_id = ? and type = 'SENT_TO_UNIT_SYSTEM'`, [
              filed.id,
            ])
        ).length === 1,
      { what: 'the delivery to be recorded' },
    );

    const callback = (
      body: Record<string, unknown>,
      timestamp = now(),
      signature = sign(JSON.stringify(body), timestamp),
    ) =>
      fixture.app.inject({
        method: 'POST',
        url: `/api/connectors/units/ZTP/cases/${filed.id}/status`,
        headers: {
          'content-type': 'application/json',
          'x-civicflow-timestamp': String(timestamp),
          'x-civicflow-signature': signature,
        },
        payload: JSON.stringify(body),
      });

    const forged = await callback({ status: 'RESOLVED', callbackId: 'x-1' }, now(), sign('something else'));
    expect(forged.statusCode).toBe(401);
    // Signed without the timestamp (the scheme before it was covered): refused.
    const body = JSON.stringify({ status: 'RESOLVED', callbackId: 'x-2' });
    const untimed = await fixture.app.inject({
      method: 'POST',
      url: `/api/connectors/units/ZTP/cases/${filed.id}/status`,
      headers: {
        'content-type': 'application/json',
        'x-civicflow-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
      },
      payload: body,
    });
    expect(untimed.statusCode).toBe(401);
    // Correctly signed, but ten minutes ago: a captured callback cannot be sent again later.
    const stale = await callback({ status: 'RESOLVED', callbackId: 'x-3' }, now() - 600);
    expect(stale.statusCode).toBe(401);
    expect(stale.json().message).toMatch(/300 seconds/);
    expect(
      (await callback({ status: 'ACCEPTED', callbackId: 'ztp-1', externalReference: 'ZTP/2026/77' }))
        .statusCode,
    ).toBe(202);
    await eventually(async () => (await statusOf(filed.id)) === 'IN_PROGRESS', {
      what: 'the case to be accepted',
    });
    expect(
      (await callback({ status: 'RESOLVED', callbackId: 'ztp-2', note: 'Stoisko usunięte' })).statusCode,
    ).toBe(202);
    await eventually(async () => (await statusOf(filed.id)) === 'RESOLVED', {
      what: 'the case to be resolved',
    });
    // The same callback again, even freshly signed within the time window, is a replay.
    const replayed = await callback({
      status: 'ACCEPTED',
      callbackId: 'ztp-1',
      externalReference: 'ZTP/2026/77',
    });
    expect(replayed.statusCode).toBe(409);
    expect(replayed.json().message).toContain('ztp-1');

    const events = await fixture.orm.em
      .fork()
      .execute<{ type: string; actor: string }[]>(
        'select type, actor from case_events where case_id = ? order by id',
        [filed.id],
      );
    expect(events.map((e) => e.type)).toEqual([
      'CREATED',
      'CLASSIFIED',
      'ROUTED',
      'SENT_TO_UNIT_SYSTEM',
      'ACCEPTED',
      'RESOLVED',
    ]);
    expect(events.find((e) => e.type === 'ACCEPTED')?.actor).toBe('user:unit-system:ZTP');
  });

  it('refuses callbacks for a case that is not with the unit, and malformed ones', async () => {
    const body = JSON.stringify({ status: 'ACCEPTED', callbackId: 'c-1' });
    const timestamp = now();
    const notHers = await fixture.app.inject({
      method: 'POST',
      url: '/api/connectors/units/ZTP/cases/00000000-0000-4000-8000-00000000abcd/status',
      headers: {
        'content-type': 'application/json',
        'x-civicflow-timestamp': String(timestamp),
        'x-civicflow-signature': sign(body, timestamp),
      },
      payload: body,
    });
    expect(notHers.statusCode).toBe(404);
    const bad = JSON.stringify({ status: 'MAYBE', callbackId: 'c-2' });
    const malformed = await fixture.app.inject({
      method: 'POST',
      url: '/api/connectors/units/ZTP/cases/00000000-0000-4000-8000-00000000abcd/status',
      headers: {
        'content-type': 'application/json',
        'x-civicflow-timestamp': String(timestamp),
        'x-civicflow-signature': sign(bad, timestamp),
      },
      payload: bad,
    });
    expect(malformed.statusCode).toBe(400);
  });
});
