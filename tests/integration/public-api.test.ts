import type { FastifyInstance } from 'fastify';
import { startTestApp, type TestApp } from '../support/integration';

/** The taxonomy, the public map, rate limits, security headers and the Prometheus metrics. */
describe('the public API around intake', () => {
  let fixture: TestApp;
  let app: FastifyInstance;

  beforeAll(async () => {
    fixture = await startTestApp({
      config: { INTAKE_RATE_LIMIT_PER_MINUTE: '5', METRICS_TOKEN: 'metrics-token-for-tests' },
    });
    ({ app } = fixture);
  });
  afterAll(() => fixture.close());

  const file = (payload: Record<string, unknown>, ip = '10.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/v1/cases', payload, remoteAddress: ip });

  it('lists kinds, subcategories and events in Polish and English with what each event requires', async () => {
    const response = await app.inject('/api/v1/taxonomy');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.kinds.map((k: { code: string }) => k.code)).toEqual([
      'INCIDENT',
      'INFORMATION',
      'SUGGESTION',
      'COMPLAINT',
    ]);
    const roads = body.subcategories.find((s: { code: string }) => s.code === 'ROADS');
    expect(roads.name).toEqual({ pl: 'Drogi', en: 'Roads' });
    expect(roads.events.find((e: { code: string }) => e.code === 'POTHOLE')).toEqual({
      code: 'POTHOLE',
      name: { pl: 'Dziura w jezdni', en: 'Pothole in the road' },
      priority: 'normal',
      requires: { description: false, location: true, contact: false },
    });
  });

  it('shows reports on the map without personal data, filtered by box and event, in keyset pages', async () => {
    const near = { lat: 52.25123456, lon: 20.98765432 };
    for (const [i, eventCode] of ['GRAFFITI', 'GRAFFITI', 'GRAFFITI', 'NOISE'].entries()) {
      const response = await file(
        {
          kind: 'INCIDENT',
          eventCode,
          description: `Zgłoszenie mapy ${i} od Jana Kowalskiego`,
          district: 'Wola',
          location: { lat: near.lat + i * 0.0001, lon: near.lon, street: 'Górczewska', building: '12' },
          contact: { name: 'Jan Kowalski', email: 'jan.kowalski@example.org', phone: '+48 600 100 200' },
        },
        `10.0.1.${i}`,
      );
      expect(response.statusCode).toBe(201);
    }
    const bbox = '20.98,52.25,20.99,52.26';
    const first = await app.inject(`/api/v1/public/cases?bbox=${bbox}&event=GRAFFITI&limit=2`);
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = (
      await app.inject(`/api/v1/public/cases?bbox=${bbox}&event=GRAFFITI&limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const all = [...page1.items, ...page2.items];
    expect(new Set(all.map((c: { number: string }) => c.number)).size).toBe(3);
    // The street as the register writes it; the building number stays private.
    expect(all[0]).toMatchObject({ eventCode: 'GRAFFITI', street: 'ul. Górczewska', district: 'Wola' });
    expect(String(all[0].lat).split('.')[1].length).toBeLessThanOrEqual(4);
    const text = first.body + JSON.stringify(page2);
    for (const secret of ['Kowalski', 'example.org', '600 100', 'Zgłoszenie mapy', '"12"'])
      expect(text).not.toContain(secret);
    const outside = (await app.inject('/api/v1/public/cases?bbox=21.1,52.1,21.2,52.2&event=GRAFFITI')).json();
    expect(outside.items).toEqual([]);
    expect((await app.inject('/api/v1/public/cases?bbox=1,2,3')).statusCode).toBe(400);
  });

  it('limits filing per client address and says so with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push(
        (await file({ kind: 'SUGGESTION', description: `Pomysł numer ${i}` }, '10.9.9.9')).statusCode,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const other = await file({ kind: 'SUGGESTION', description: 'Inny adres' }, '10.9.9.10');
    expect(other.statusCode).toBe(201);
  });

  it('sends security headers', async () => {
    const response = await app.inject('/api/v1/taxonomy');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
  });

  it('exposes Prometheus metrics behind its token: requests by route and cases by channel and kind', async () => {
    expect((await app.inject('/metrics')).statusCode).toBe(401);
    const response = await app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-token-for-tests' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/civicflow_cases_accepted_total\{channel="PORTAL",kind="INCIDENT"\} 4/);
    expect(response.body).toMatch(/civicflow_cases_accepted_total\{channel="PORTAL",kind="SUGGESTION"\} 6/);
    expect(response.body).toMatch(
      /civicflow_http_requests_total\{method="POST",route="\/api\/v1\/cases",status="429"\} 2/,
    );
    expect(response.body).toContain('civicflow_http_request_duration_seconds_bucket');
  });
});
