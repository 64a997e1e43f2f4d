import { portalBuildConfig } from '../support/browser';
import { startTestApp, type TestApp } from '../support/integration';

/** The API serves the residents' portal: its files, its pages on any path, and its settings. */
describe('the residents’ portal as the API serves it', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      config: { ...(await portalBuildConfig()), CITY_NAME: 'Warszawa', MAP_CENTER: '52.23,21.01' },
    });
  });
  afterAll(() => t?.close());

  it('opens the portal at the city’s address', async () => {
    const root = await t.app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/portal/');
    const page = await t.app.inject({ method: 'GET', url: '/portal/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<div id="root">');
  });

  it('answers a deep link (the acknowledgement e-mail’s tracking link) with the portal page', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/portal/track/000123-26?token=abc' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('serves the built assets and refuses missing ones with 404, not the page', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/portal/' });
    const script = /src="(\/portal\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const asset = await t.app.inject({ method: 'GET', url: script! });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const missing = await t.app.inject({ method: 'GET', url: '/portal/assets/nothing-here.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('tells residents’ apps the city, map and reopen window', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/portal/settings' });
    expect(response.statusCode).toBe(200);
    const settings = response.json();
    expect(settings).toMatchObject({
      cityName: 'Warszawa',
      mapCenter: { lat: 52.23, lon: 21.01 },
      reopenWindowMinutes: t.config.cases.reopenWindowMinutes,
      maxPhotos: 5,
    });
    expect(settings.districts).toContain('Mokotów');
  });
});
