import { startTestApp, type TestApp } from '../support/integration';

/** The portal's place picker over HTTP: street search, reverse lookup, and their refusals. */
describe('places API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('finds Marszałkowska first for "marsz", with its label, district and point', async () => {
    const response = await get('/api/v1/places/streets?q=marsz');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toMatch(/max-age=\d+/);
    const { items } = response.json<{ items: { name: string; label: string }[] }>();
    expect(items[0]).toEqual({
      name: 'Marszałkowska',
      label: 'ul. Marszałkowska',
      district: 'Śródmieście',
      lat: expect.any(Number),
      lon: expect.any(Number),
    });
    expect(items.map((i) => i.name)).toContain('Marszałka Józefa Piłsudskiego');
  });

  it('matches without diacritics and case, one item per district part of a street', async () => {
    const response = await get('/api/v1/places/streets?q=ZELAZNA');
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: { name: string; district: string }[] }>();
    expect(items.map((i) => i.name)).toEqual(['Żelazna', 'Żelazna']);
    expect(items.map((i) => i.district).sort()).toEqual(['Wola', 'Śródmieście']);
  });

  it('ranks word-prefix matches before substrings and honours the limit', async () => {
    const response = await get(`/api/v1/places/streets?q=${encodeURIComponent('ul. jerozolim')}&limit=2`);
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: { label: string }[] }>();
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.label === 'al. Jerozolimskie')).toBe(true);
    const none = await get('/api/v1/places/streets?q=qqqq');
    expect(none.json()).toEqual({ items: [] });
  });

  it('refuses a query shorter than 2 characters and a limit out of range, naming the field', async () => {
    for (const url of [
      '/api/v1/places/streets?q=m',
      '/api/v1/places/streets?q=%20%20m%20',
      '/api/v1/places/streets',
    ]) {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: { 'query.q': expect.any(String) },
      });
    }
    const tooMany = await get('/api/v1/places/streets?q=ma&limit=21');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors).toHaveProperty(['query.limit']);
  });

  it.each([
    ['the Palace of Culture and Science', 52.2318, 21.006, 'Śródmieście'],
    ['the National Stadium', 52.2395, 21.0458, 'Praga-Południe'],
    ['Wilanów Palace', 52.165, 21.0905, 'Wilanów'],
    ['Chopin Airport', 52.1657, 20.9671, 'Włochy'],
  ])('finds the district and nearest street of %s', async (_what, lat, lon, district) => {
    const response = await get(`/api/v1/places/reverse?lat=${lat}&lon=${lon}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ insideCity: true, district });
    expect(body.street).toEqual({
      name: expect.any(String),
      label: expect.stringMatching(/^(ul|al|pl)\. |^rondo /),
      district: expect.any(String),
      lat: expect.any(Number),
      lon: expect.any(Number),
      distanceMeters: expect.any(Number),
    });
    expect(body.street.distanceMeters).toBeLessThan(2000);
  });

  it('documents both endpoints in the OpenAPI document', async () => {
    const response = await get('/docs/json');
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/places/streets',
        '/api/v1/places/reverse',
        '/api/v1/classify',
        '/api/v1/public/cases/nearby',
        '/api/v1/public/cases/{number}',
        '/api/v1/public/cases/{number}/followers',
      ]),
    );
  });

  it('says a point in Kraków is outside the city, with no district or street', async () => {
    const response = await get('/api/v1/places/reverse?lat=50.0617&lon=19.9373');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ insideCity: false, district: null, street: null });
  });

  it.each([
    ['lat=&lon=21', 'query.lat'],
    ['lon=21', 'query.lat'],
    ['lat=91&lon=21', 'query.lat'],
    ['lat=52.2&lon=-181', 'query.lon'],
    ['lat=52,2&lon=21', 'query.lat'],
    ['lat=abc&lon=21', 'query.lat'],
  ])('refuses bad coordinates (%s) naming %s', async (query, field) => {
    const response = await get(`/api/v1/places/reverse?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(response.json().errors).toHaveProperty([field]);
  });
});
