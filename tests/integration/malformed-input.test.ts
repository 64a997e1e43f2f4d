import { startTestApp, type TestApp } from '../support/integration';

/**
 * Requests a hostile client sent that used to answer 500 (issue 15): a NUL byte reaching
 * PostgreSQL, dates outside its range, a cursor of the right characters but no real UUID, and a
 * CSV export that started streaming before its dates were checked. Each now gets a 400 that names
 * the field, and nothing is written.
 */
describe('malformed input that once reached PostgreSQL', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    fixture = await startTestApp({ demoUsers: true });
  });
  afterAll(() => fixture.close());

  const casesCount = async () =>
    Number((await fixture.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from cases'))[0].n);

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  it.each([
    ['GET', '/open311/v2/services/%00.json', 'params.service_code'],
    ['GET', '/api/v1/announcements?district=a%00b', 'query.district'],
    ['GET', '/api/v1/announcements/feed.atom?district=a%00b', 'query.district'],
    ['GET', '/api/v1/open-data/notifications?district=%01', 'query.district'],
  ])('%s %s answers 400 naming %s', async (method, url, field) => {
    const response = await fixture.app.inject({ method: method as 'GET', url });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(field);
    expect(response.body).toMatch(/control characters/);
  });

  it('refuses a NUL in an Open311 form body (XML answer) and in a JSON body, and files nothing', async () => {
    const before = await casesCount();
    const xml = await fixture.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ service_code: '\u0000', api_key: 'any', lat: '52.23', long: '21.01' }),
    });
    expect(xml.statusCode).toBe(400);
    expect(xml.headers['content-type']).toMatch(/xml/);
    expect(xml.body).toContain('body.service_code');
    expect(xml.body).toMatch(/control characters/);

    const json = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { kind: 'INCIDENT', eventCode: 'POTHOLE', description: 'Dziura\u0000', district: 'Mokotów' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: { 'body.description': 'must not contain control characters (found U+0000)' },
    });
    expect(await casesCount()).toBe(before);
  });

  it('keeps tabs and line breaks in what residents write', async () => {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        description: 'Dziura:\n\tprawy pas,\r\n\tprzy przejściu',
        district: 'Mokotów',
      },
    });
    expect(response.statusCode).toBe(201);
  });

  it('answers a body nested ten thousand levels deep with a 4xx, not a crash', async () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { 'content-type': 'application/json' },
      payload: deep,
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });

  it.each([
    ['/open311/v2/requests.json?end_date=0000-01-01T00:00:00Z', 'end_date'],
    ['/open311/v2/requests.json?start_date=9999-12-31T23:59:59Z', 'start_date'],
    ['/api/v1/open-data/notifications?from=1900-01-01', 'from'],
  ])('GET %s answers 400 naming %s', async (url, field) => {
    const response = await fixture.app.inject(url);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(field);
    expect(response.body).toMatch(/between 1990-01-01 and 2100-12-31/);
  });

  it.each([
    ['/api/statistics/volumes?from=0001-01-01&to=2026-01-31&bucket=day&dimension=unit', 'query.from'],
    ['/api/config-changes?filter=%7B%22from%22%3A%229999-01-01%22%7D', 'from'],
  ])('the back office answers GET %s with 400 naming %s', async (url, field) => {
    const response = await fixture.app.inject({
      url,
      headers: { authorization: await fixture.authorization('admin') },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(field);
  });

  const filter = (value: object) => `filter=${encodeURIComponent(JSON.stringify(value))}`;
  const asAdmin = async (url: string) =>
    fixture.app.inject({ url, headers: { authorization: await fixture.authorization('admin') } });

  // The raw query holds `\u0000` as six harmless characters; only the decoded filter holds the NUL.
  it.each([
    ['/api/cases', { q: 'Dziura\u0000' }, 'query.filter.q', 'U+0000'],
    ['/api/booking-offices', { q: '\u001b[2J' }, 'query.filter.q', 'U+001B'],
    ['/api/config-changes', { actor: 'admin\u0007' }, 'query.filter.actor', 'U+0007'],
    ['/api/units', { q: 'ZDM\u0000' }, 'query.filter.q', 'U+0000'],
  ])(
    'refuses a control character inside the JSON filter of %s (%j) naming %s',
    async (path, value, field, code) => {
      const response = await asAdmin(`${path}?${filter(value)}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: { [field]: `must not contain control characters (found ${code})` },
      });
    },
  );

  it.each(['2024-02-30', '0000-01-01', '2101-01-01'])(
    'refuses the bookings day view for %s with 400 naming query.filter.date',
    async (date) => {
      const response = await asAdmin(`/api/bookings?${filter({ date })}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: { 'query.filter.date': expect.any(String) },
      });
    },
  );

  it('refuses booking statistics for a day PostgreSQL has but the city never will', async () => {
    const response = await asAdmin(
      `/api/booking-statistics?${filter({ from: '9999-12-01', to: '9999-12-31' })}`,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toHaveProperty(['query.filter.from']);
  });

  // Serial ids are PostgreSQL integers: one past the largest used to fail in the database.
  it.each([
    ['/api/booking-offices/2147483648', 'params.id'],
    ['/api/booking-services/2147483648', 'params.id'],
    ['/api/calendar-days/2147483648', 'params.id'],
    ['/api/sla-policies/99999999999', 'params.id'],
    [`/api/bookings?${filter({ officeId: 2147483648 })}`, 'query.filter.officeId'],
    [`/api/booking-offices?${filter({ id: [1, 2147483648] })}`, 'query.filter.id.1'],
    [`/api/routing-rules?${filter({ id: ['2147483648'] })}`, 'query.filter.id.0'],
  ])('refuses the id in GET %s with 400 naming %s', async (url, field) => {
    const response = await asAdmin(url);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: { [field]: 'must be an id from 1 to 2147483647' },
    });
  });

  it('still answers the largest id with 404, not 400', async () => {
    const response = await asAdmin('/api/booking-offices/2147483647');
    expect(response.statusCode).toBe(404);
  });

  it('refuses a resident’s slot search for an office id past the largest', async () => {
    const response = await fixture.app.inject(
      '/api/v1/bookings/slots?service=VEHICLE_REGISTRATION&office=2147483648&from=2026-12-14&to=2026-12-15',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toHaveProperty(['query.office']);
  });

  it('checks a CSV export’s dates before its first byte', async () => {
    const response = await fixture.app.inject('/api/v1/open-data/notifications.csv?to=0001-01-01');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/json/);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: { 'query.to': expect.any(String) },
    });
  });

  it.each([
    '9075019097221_578051d0cb848672-7eba36a6e-cab-22e74',
    '9999999999999_00000000-0000-0000-0000-000000000000',
  ])('refuses the map cursor %s with 400', async (cursor) => {
    const response = await fixture.app.inject(`/api/v1/public/cases?cursor=${cursor}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toHaveProperty(['query.cursor']);
  });
});
