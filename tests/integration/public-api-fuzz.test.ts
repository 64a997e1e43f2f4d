import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { seedOpen311DemoKey } from '../../db/seed/seed-open311-demo-key';
import { startTestApp, type TestApp } from '../support/integration';
import {
  deeplyNested,
  documentedOperations,
  edgeNumber,
  edgeNumberText,
  requestForAny,
  type OpenApiDocument,
} from '../support/route-fuzz';

/**
 * Thousands of malformed bodies, headers and query strings against every public route, with a
 * fixed seed and a bounded count: every answer is a 4xx, and the database is exactly as before.
 */
describe('the public API under malformed input', () => {
  let fixture: TestApp;
  let existing: { slug: string; token: string };

  beforeAll(async () => {
    fixture = await startTestApp();
    await seedOpen311DemoKey(fixture.orm, fixture.config.demo.open311Key);
    const filed = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { kind: 'SUGGESTION', description: 'Więcej koszy na śmieci w parku' },
    });
    expect(filed.statusCode).toBe(201);
    existing = { slug: filed.json().number.replace('/', '-'), token: filed.json().trackingToken };
  });
  afterAll(async () => {
    await fixture?.close();
  });

  /** Everything a malformed request could have written to. */
  async function snapshot(): Promise<string> {
    const [row] = await fixture.orm.em.fork().execute<Record<string, string>[]>(
      `select (select count(*) from cases) as cases, (select count(*) from case_events) as events,
              (select coalesce(max(last_value), 0) from case_number_counters) as counter,
              (select count(*) from sessions) as sessions,
              (select coalesce(sum(failed_logins), 0) from users) as failed_logins,
              (select count(*) from case_attachments) as attachments,
              (select count(*) from open311_requests) as open311_requests`,
    );
    return JSON.stringify(row);
  }

  const text = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '%',
      '%%',
      '../..',
      '<script>',
      '{"a":',
      '\uFFFF',
      'null',
      'NaN',
      '1e309',
      "'; drop table cases; --",
    ),
    fc.string({ minLength: 4001, maxLength: 4100 }),
  );
  const json = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
    edgeNumber,
    fc.dictionary(text, edgeNumber, { maxKeys: 3 }),
  );

  /** A valid case with exactly one thing broken, so no generated body can be a real case. */
  const brokenCase = fc
    .record({
      field: fc.constantFrom(
        'kind',
        'description',
        'eventCode',
        'location',
        'contact',
        'channel',
        'language',
        'extra',
      ),
      value: fc.oneof(json, text),
    })
    .map(({ field, value }) => {
      const body: Record<string, unknown> = {
        kind: 'INCIDENT',
        description: 'Dziura w jezdni',
        district: 'Wola',
      };
      const broken: Record<string, unknown> = {
        kind:
          typeof value === 'string' && ['INCIDENT', 'INFORMATION', 'SUGGESTION', 'COMPLAINT'].includes(value)
            ? 1
            : value,
        description:
          typeof value === 'string' && value.trim().length >= 3 && value.length <= 4000 ? 42 : value,
        eventCode: typeof value === 'string' ? `${value}!lower` : value,
        location: { lat: 91, lon: value },
        contact: { email: typeof value === 'string' ? `${value}@@` : value },
        channel: 'FAX',
        language: typeof value === 'string' && ['pl', 'en'].includes(value) ? 'de' : value,
        extra: value,
      };
      body[field] = broken[field];
      return body;
    });

  const contentType = fc.oneof(
    fc.constant('application/json'),
    fc.constantFrom(
      'text/plain',
      'application/xml',
      'multipart/form-data',
      'application/json; charset=utf-16',
      '',
    ),
    fc.string({ maxLength: 40 }),
  );
  const rawBody = fc.oneof(
    json.map((v) => JSON.stringify(v)),
    text,
    brokenCase.map((v) => JSON.stringify(v)),
    deeplyNested,
  );

  /** Text with one control character (not tab or a line break) somewhere in it. */
  const controlText = fc
    .tuple(
      fc.string({ maxLength: 12 }),
      fc.integer({ min: 0, max: 127 }).filter((c) => (c < 32 && ![9, 10, 13].includes(c)) || c === 127),
      fc.string({ maxLength: 12 }),
    )
    .map(([before, code, after]) => `${before}${String.fromCharCode(code)}${after}`);
  /** Dates of the right shape that no city's data holds: beyond PostgreSQL's range or the product's. */
  const extremeDay = fc.constantFrom('0000-01-01', '0001-01-01', '1899-12-31', '2101-01-01', '9999-12-31');
  const extremeDateTime = extremeDay.chain((day) =>
    fc.constantFrom(`${day}T00:00:00Z`, `${day}T23:59:59+01:00`, `${day}T12:00:00.000-05:00`),
  );

  /**
   * Requests that are malformed in a way a route may rightly accept (an edge number that is still
   * a valid limit, a path parameter that names nothing): any answer below 500 will do for these,
   * and they still write nothing.
   */
  const lenient = new WeakSet<InjectOptions>();
  const markLenient = (request: InjectOptions) => {
    lenient.add(request);
    return request;
  };

  /** Every documented public route: its path parameters broken, or one query parameter at an edge. */
  const documentedArbitraries = (): fc.Arbitrary<InjectOptions>[] => {
    const document = fixture.app.swagger() as unknown as OpenApiDocument;
    const isPublic = (path: string) => !path.startsWith('/api/') || path.startsWith('/api/v1/');
    const withPathParameters = documentedOperations(
      document,
      (o) => isPublic(o.path) && o.pathParameters.length > 0,
    );
    const readingWithQuery = documentedOperations(
      document,
      (o) => isPublic(o.path) && o.method === 'GET' && o.queryParameters.length > 0,
    );
    expect(withPathParameters.length).toBeGreaterThan(10);
    expect(readingWithQuery.length).toBeGreaterThan(10);
    return [
      // Bodies and queries are the other arbitraries' business (and the slow part).
      requestForAny(withPathParameters, undefined, { pathOnly: true }).map(markLenient),
      fc
        .record({
          operation: fc.constantFrom(...readingWithQuery),
          pick: fc.nat(),
          value: fc.oneof(
            edgeNumberText,
            edgeNumberText.map((n) => `${n},${n},${n},${n}`),
          ),
        })
        .map(({ operation, pick, value }) => {
          const name = operation.queryParameters[pick % operation.queryParameters.length];
          return markLenient({
            method: 'GET' as const,
            url: `${operation.path}?${new URLSearchParams({ [name]: value }).toString()}`,
          });
        }),
    ];
  };

  /** Built once the test case exists: some requests aim at a real case with a wrong body. */
  const requestArbitraries = (): fc.Arbitrary<InjectOptions>[] => [
    ...documentedArbitraries(),
    fc.record({
      method: fc.constant('POST' as const),
      url: fc.constant('/api/v1/cases'),
      headers: fc
        .record({ 'content-type': contentType, 'idempotency-key': fc.option(text, { nil: undefined }) })
        .map(
          (h) =>
            Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<
              string,
              string
            >,
        ),
      payload: rawBody,
    }),
    fc.record({
      method: fc.constant('POST' as const),
      url: fc.constant('/api/v1/cases'),
      headers: fc.constant({ 'content-type': 'application/json' }),
      payload: brokenCase.map((body) => JSON.stringify(body)),
    }),
    fc
      .record({ number: fc.oneof(text, fc.constant(existing.slug)), query: text })
      .map(({ number, query }) => ({
        method: 'GET' as const,
        url: `/api/v1/cases/${encodeURIComponent(number ?? '')}?token=${encodeURIComponent(query)}`,
      })),
    fc
      .record({
        which: fc.constantFrom('messages', 'reopen'),
        token: fc.oneof(text, fc.constant('')),
        body: rawBody,
        good: fc.boolean(),
      })
      .map(({ which, token, body, good }) => ({
        method: 'POST' as const,
        url: `/api/v1/cases/${existing.slug}/${which}?token=${encodeURIComponent(good ? existing.token : token)}`,
        headers: { 'content-type': 'application/json' },
        // With the right token the body is what must be refused: never a valid message or reason.
        payload: good ? JSON.stringify({ message: 42, reason: [], extra: body }) : body,
      })),
    fc
      .record({
        query: fc.dictionary(fc.constantFrom('bbox', 'event', 'status', 'limit', 'cursor', 'x'), text, {
          minKeys: 1,
        }),
      })
      .map(({ query }) => ({
        method: 'GET' as const,
        url: `/api/v1/public/cases?${new URLSearchParams({ ...query, x: query.x ?? 'unexpected' }).toString()}`,
      })),
    fc.record({ payload: rawBody, ct: contentType }).map(({ payload, ct }) => ({
      method: 'POST' as const,
      url: '/api/auth/login',
      headers: { 'content-type': ct },
      payload: payload.includes('"password"') ? `${payload}}` : payload,
    })),
    fc
      .record({ path: text })
      .map(({ path }) => ({ method: 'GET' as const, url: `/api/v1/${encodeURIComponent(path)}x` })),
    // Open311: form bodies with a missing or wrong key, or the demo key and a broken request.
    fc
      .record({
        format: fc.constantFrom('json', 'xml', 'html', ''),
        fields: fc.dictionary(
          fc.constantFrom(
            'api_key',
            'service_code',
            'lat',
            'long',
            'address_string',
            'email',
            'description',
            'media_url',
          ),
          text,
        ),
        goodKey: fc.boolean(),
        ct: fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain'),
      })
      .map(({ format, fields, goodKey, ct }) => {
        // With the real key the service code is never one of the city's (they have no '?').
        const body = goodKey
          ? {
              ...fields,
              api_key: fixture.config.demo.open311Key,
              service_code: `${fields.service_code ?? ''}?`,
            }
          : fields;
        return {
          method: 'POST' as const,
          url: `/open311/v2/requests${format ? `.${format}` : ''}`,
          headers: { 'content-type': ct },
          payload: ct === 'application/json' ? JSON.stringify(body) : new URLSearchParams(body).toString(),
        };
      }),
    fc
      .record({
        // Only routes that read the query: services and discovery rightly ignore one.
        path: fc.constantFrom('requests', 'tokens/not-a-token'),
        format: fc.constantFrom('json', 'xml', 'csv'),
        query: fc.dictionary(
          fc.constantFrom('end_date', 'status', 'service_code', 'service_request_id'),
          text,
          { minKeys: 1 },
        ),
      })
      .map(({ path, format, query }) => ({
        method: 'GET' as const,
        // A start date that is never a date keeps every generated query malformed.
        url: `/open311/v2/${path}.${format}?${new URLSearchParams({ ...query, start_date: 'not-a-date' }).toString()}`,
      })),
    // Control characters in the path or query of any public reading route.
    fc
      .record({
        route: fc.constantFrom(
          (v: string) => `/open311/v2/services/${encodeURIComponent(v)}.json`,
          (v: string) => `/open311/v2/requests/${encodeURIComponent(v)}.xml`,
          (v: string) => `/api/v1/announcements?district=${encodeURIComponent(v)}`,
          (v: string) => `/api/v1/announcements/feed.atom?district=${encodeURIComponent(v)}`,
          (v: string) => `/api/v1/open-data/notifications?district=${encodeURIComponent(v)}`,
          (v: string) => `/api/v1/open-data/notifications.csv?district=${encodeURIComponent(v)}`,
          (v: string) => `/api/v1/knowledge/articles?q=${encodeURIComponent(v)}`,
          (v: string) => `/api/v1/places/streets?q=${encodeURIComponent(v)}`,
          (v: string) => `/api/v1/public/cases/${encodeURIComponent(v)}`,
          (v: string) => `/api/v1/cases/${existing.slug}?token=${encodeURIComponent(v)}`,
        ),
        value: controlText,
      })
      .map(({ route, value }) => ({ method: 'GET' as const, url: route(value) })),
    // Dates of the right shape but out of range, wherever a public route takes one.
    fc
      .record({ day: extremeDay, instant: extremeDateTime, which: fc.nat({ max: 4 }) })
      .map(({ day, instant, which }) => ({
        method: 'GET' as const,
        url: [
          `/open311/v2/requests.json?start_date=${encodeURIComponent(instant)}`,
          `/open311/v2/requests.xml?end_date=${encodeURIComponent(instant)}`,
          `/api/v1/open-data/notifications?to=${day}`,
          `/api/v1/open-data/notifications.csv?from=${day}&to=${day}`,
          `/api/v1/bookings/slots?service=VEHICLE_REGISTRATION&office=1&from=${day}&to=${day}`,
        ][which],
      })),
    // Map cursors of the old shape, and sealed cursors (map and open data) of the right length and
    // characters that the server never sealed.
    fc
      .stringMatching(/^\d{13}_[0-9a-f-]{36}$/)
      .map((cursor) => ({ method: 'GET' as const, url: `/api/v1/public/cases?cursor=${cursor}` })),
    fc
      .record({ cursor: fc.stringMatching(/^[A-Za-z0-9_-]{59}$/), openData: fc.boolean() })
      .map(({ cursor, openData }) => ({
        method: 'GET' as const,
        url: openData
          ? `/api/v1/open-data/notifications?page=2&after=${cursor}`
          : `/api/v1/public/cases?cursor=${cursor}`,
      })),
    // Photos: multipart bodies whose file is not an image, or bodies that are not multipart.
    fc.record({ content: text, ct: contentType, good: fc.boolean() }).map(({ content, ct, good }) => {
      const boundary = 'fuzzboundary';
      const multipart =
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="x.jpg"\r\n` +
        `Content-Type: image/jpeg\r\n\r\n${content}\r\n--${boundary}--\r\n`;
      return {
        method: 'POST' as const,
        url: `/api/v1/cases/${existing.slug}/attachments?token=${good ? existing.token : 'x'.repeat(32)}`,
        headers: { 'content-type': good ? `multipart/form-data; boundary=${boundary}` : ct },
        payload: good ? multipart : content,
      };
    }),
  ];

  it('answers every malformed request with a 4xx and writes nothing', async () => {
    const before = await snapshot();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(...requestArbitraries()), async (request) => {
        const response = await fixture.app.inject(request);
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        const below = lenient.has(request) ? 0 : 400;
        if (response.statusCode < below || response.statusCode >= 500) {
          throw new Error(
            `${request.method} ${String(request.url)} answered ${response.statusCode}: ${response.body.slice(0, 300)}`,
          );
        }
        // Every refusal names its problem: our error shape, or Open311's own (JSON or XML).
        if (response.statusCode < 400) return;
        if (String(response.headers['content-type']).startsWith('text/html')) {
          // The pages residents open from a mail link (confirming a contact, unsubscribing).
          expect(response.body).toMatch(/<p[ >]/);
        } else if (String(request.url).startsWith('/open311/')) {
          if (String(response.headers['content-type']).includes('xml'))
            expect(response.body).toContain('<description>');
          else expect(response.json<{ description: string }[]>()[0].description).toEqual(expect.any(String));
        } else {
          expect(response.json<{ message?: string }>().message).toEqual(expect.any(String));
        }
      }),
      { seed: 19115, numRuns: 4000, endOnFailure: true },
    );
    expect(await snapshot()).toBe(before);
    // The mix reached the validators, the parsers and the routing alike.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 404, 415]));
    // 4000 requests in process: bounded by the runs, about 20 s alone, longer beside other files.
  }, 180_000);
});
