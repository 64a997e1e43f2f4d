import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildApp } from '../../api/app';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { stripedPng } from '../support/images';
import {
  launchChromium,
  listenForBrowser,
  newPage,
  portalBuildConfig,
  screenshot,
  seriousAccessibilityViolations,
  watchProblems,
  UNREACHABLE_TILE_URL,
  isUnreachableTile,
} from '../support/browser';
import { eventually, integrationConfig, startTestApp, type TestApp } from '../support/integration';

const ARTIFACTS = 'portal-report';
const BROWSER_TEST_TIMEOUT_MS = 240_000;
/** The problem reported twice: an overflowing bin on Freta, in the Old Town. */
const EVENT = { code: 'BIN_OVERFLOW', name: 'Przepełniony kosz uliczny' };

/** The city's tile server, outside the city's API: any /{z}/{x}/{y}.png is the same small tile. */
async function startTileServer(): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  const tile = stripedPng(256, 256);
  let served = 0;
  const server = http.createServer((request, response) => {
    if (/^\/\d+\/\d+\/\d+\.png$/.test(request.url ?? '')) {
      served++;
      response.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
      response.end(tile);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => served,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Opens a portal page once its settings (tile server, city) have arrived. */
async function openPortal(page: Page, url: string) {
  const settings = page.waitForResponse((response) => response.url().endsWith('/api/v1/portal/settings'));
  await page.goto(url);
  expect((await settings).status()).toBe(200);
}

/** The map legend's groups and their words; the marker for a case status has its group's look. */
const LEGEND = {
  new: 'Nowe: przyjęte lub sprawdzane',
  progress: 'W realizacji: w jednostce odpowiedzialnej',
  resolved: 'Rozwiązane lub zamknięte',
};
const GROUP_OF: Record<string, keyof typeof LEGEND> = {
  NEW: 'new',
  TRIAGE: 'new',
  FORWARDED: 'progress',
  IN_PROGRESS: 'progress',
  WAITING_FOR_RESIDENT: 'progress',
  RESOLVED: 'resolved',
  ANSWERED: 'resolved',
  CLOSED: 'resolved',
};

/** A marker's fill: its background, or its drawn shape's (the diamond is a rotated ::before). */
const markerColour = (marker: Locator) =>
  marker.evaluate((element) => {
    // The test code is compiled without the DOM's types.
    const style = (
      globalThis as unknown as { getComputedStyle(e: unknown, pseudo?: string): { backgroundColor: string } }
    ).getComputedStyle;
    const own = style(element).backgroundColor;
    return own === 'rgba(0, 0, 0, 0)' ? style(element, '::before').backgroundColor : own;
  });

/** What the page has focused, by its text (strings: the test code has no DOM types). */
const focusedText = (page: Page) =>
  page.evaluate<string>('document.activeElement ? document.activeElement.textContent : ""');

/**
 * A resident reports a problem on the portal in Chromium, against the real API, PostgreSQL and the
 * case workflow on the Temporal dev server: street search, the district found, the problem type,
 * the same problem already reported nearby ("is this your problem?", which can be followed), a
 * description and a photo, and the case number and tracking code at the end. The map of reports
 * lists the new report; with no tile server reachable, both pages fall back to text. axe-core
 * finds no serious or critical violation on any step, on a desktop and on a phone.
 */
describe('reporting a problem on the residents’ portal', () => {
  let fixture: TestApp;
  let withoutTiles: FastifyInstance;
  let tiles: Awaited<ReturnType<typeof startTileServer>>;
  let browser: Browser;
  let baseUrl: string;
  let baseUrlWithoutTiles: string;
  const problems: string[] = [];
  let street: { name: string; label: string; district: string; lat: number; lon: number };
  let existing: { number: string; trackingToken: string };
  let reported: { number: string; token: string };

  beforeAll(async () => {
    tiles = await startTileServer();
    const portal = await portalBuildConfig();
    fixture = await startTestApp({
      worker: true,
      config: { ...portal, MAP_TILE_URL: `${tiles.url}/{z}/{x}/{y}.png` },
    });
    baseUrl = await listenForBrowser(fixture.app);
    // The same city on the same database, configured with a tile server that does not answer.
    withoutTiles = await buildApp(integrationConfig({ ...portal, MAP_TILE_URL: UNREACHABLE_TILE_URL }), {
      orm: fixture.orm,
      temporal: fixture.temporal,
    });
    baseUrlWithoutTiles = await listenForBrowser(withoutTiles);
    browser = await launchChromium();

    const found = await fixture.app.inject({ method: 'GET', url: '/api/v1/places/streets?q=Freta' });
    expect(found.statusCode).toBe(200);
    street = found.json<{ items: (typeof street)[] }>().items.find((item) => item.name === 'Freta')!;
    expect(street).toBeDefined();
    const filed = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: EVENT.code,
        description: 'Kosz przy Freta pełny od trzech dni, śmieci leżą na chodniku',
        district: street.district,
        location: { lat: street.lat, lon: street.lon, street: street.name, building: '5' },
        channel: 'MOBILE',
        language: 'pl',
      },
    });
    expect(filed.statusCode).toBe(201);
    existing = filed.json();
  }, BROWSER_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await withoutTiles?.close();
    await fixture?.close();
    await tiles?.close();
  });

  async function expectAccessible(page: Page, step: string) {
    expect({ step, violations: await seriousAccessibilityViolations(page) }).toEqual({
      step,
      violations: [],
    });
  }

  async function expectStepHeading(page: Page, text: string) {
    const heading = page.getByRole('heading', { level: 2, name: text });
    await heading.waitFor();
    // The new step's heading has the focus, so a screen reader starts reading there.
    await eventually(async () => (await focusedText(page)) === text, { what: `focus on "${text}"` });
  }

  it(
    'a resident is shown the same problem nearby, follows it, and still reports one with a photo',
    async () => {
      const { context, page } = await newPage(browser);
      watchProblems(page, problems, 'desktop');
      await openPortal(page, `${baseUrl}/portal/report`);
      await page.getByRole('heading', { level: 1, name: 'Zgłoś problem' }).waitFor();
      await page.locator('[aria-current="step"]').filter({ hasText: 'Miejsce' }).waitFor();

      // Step 1: the street from the search, its district from the city's register, a pin on real tiles.
      await page.getByRole('searchbox', { name: 'Ulica' }).fill('Fret');
      await page.getByRole('button', { name: /ul\. Freta/ }).click();
      const summary = page.getByTestId('place-summary');
      await summary.filter({ hasText: `Dzielnica: ${street.district}` }).waitFor();
      await summary.filter({ hasText: `${street.lat.toFixed(5)}, ${street.lon.toFixed(5)}` }).waitFor();
      await page.locator('.place-map .leaflet-tile-loaded').first().waitFor();
      await page.locator('.place-map__pin').waitFor();
      expect(tiles.requests()).toBeGreaterThan(0);
      await page.getByLabel(/Numer budynku/).fill('7');
      await screenshot(page, ARTIFACTS, '1-place');
      await expectAccessible(page, 'place');
      await page.getByRole('button', { name: 'Dalej: problem' }).click();

      // Step 2: the problem type, found by filtering the city's list.
      await expectStepHeading(page, 'Krok 2 z 3: Problem');
      await page.getByRole('button', { name: 'Dalej', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Wybierz rodzaj problemu' }).waitFor();
      await page.getByLabel('Filtruj rodzaje problemów').fill('kosz');
      await page.getByRole('radio', { name: EVENT.name }).check();
      await page
        .getByTestId('chosen-problem')
        .filter({ hasText: `Wybrano: ${EVENT.name}` })
        .waitFor();
      // The resident's own words get the same problem type suggested; they become the description too.
      const ownWords = 'Kosz na śmieci jest przepełniony, śmieci wysypują się na chodnik';
      await page.getByLabel('Na czym polega problem?').fill(ownWords);
      await page.getByRole('button', { name: 'Podpowiedz rodzaj problemu' }).click();
      const suggestion = page
        .getByRole('list', { name: 'Podpowiadane rodzaje problemów' })
        .getByRole('button', { name: new RegExp(EVENT.name) });
      await suggestion.click();
      expect(await suggestion.getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByRole('radio', { name: EVENT.name }).isChecked()).toBe(true);
      await expectAccessible(page, 'problem');
      await page.getByRole('button', { name: 'Dalej', exact: true }).click();

      // "Is this your problem?": the case filed before, which the resident can follow.
      await expectStepHeading(page, 'Krok 2 z 3: Czy to Twój problem?');
      const nearby = page.getByTestId('nearby-case').filter({ hasText: existing.number });
      await nearby.waitFor();
      await nearby.filter({ hasText: `Freta, ${street.district}` }).waitFor();
      await expectAccessible(page, 'nearby');
      await nearby.getByRole('button', { name: `Obserwuj to zgłoszenie ${existing.number}` }).click();
      await nearby.getByLabel('Twój e-mail').fill('sasiadka@example.com');
      const followed = page.waitForResponse((response) => response.url().includes('/followers'));
      await nearby.getByRole('button', { name: 'Obserwuj', exact: true }).click();
      expect((await followed).status()).toBe(202);
      await nearby.getByText(`Obserwujesz zgłoszenie ${existing.number}`).waitFor();
      const [follower] = await fixture.orm.em
        .fork()
        .execute<{ email: string }[]>(
          'select f.email from case_followers f join cases c on c.id = f.case_id where c.number = ?',
          [existing.number],
        );
      expect(follower?.email).toBe('sasiadka@example.com');
      await screenshot(page, ARTIFACTS, '2-nearby');
      // The existing report's public page opens in a new tab, leaving this report as it is.
      const [publicPage] = await Promise.all([
        page.context().waitForEvent('page'),
        nearby.getByRole('link', { name: /Zobacz to zgłoszenie/ }).click(),
      ]);
      await publicPage.getByRole('heading', { name: `Zgłoszenie ${existing.number}` }).waitFor();
      // Its status as the map shows it (the workflow may still be routing it).
      await publicPage.getByTestId('public-report-status').waitFor();
      await publicPage.getByText('Obserwujący mieszkańcy').waitFor();
      await expectAccessible(publicPage, 'public report');
      await publicPage.close();
      await page.getByRole('button', { name: 'Nie, zgłoś nowy problem' }).click();

      // Step 3: a description and a photo, anonymously.
      await expectStepHeading(page, 'Krok 3 z 3: Szczegóły');
      expect(await page.getByLabel(/^Opis/).inputValue()).toBe(ownWords);
      const description = `Drugi przepełniony kosz przy Freta 7, ${Date.now()}`;
      await page.getByLabel(/^Opis/).fill(description);
      await page.locator('#photo-files').setInputFiles({
        name: 'kosz.png',
        mimeType: 'image/png',
        buffer: stripedPng(64, 48),
      });
      await page.getByRole('img', { name: 'Zdjęcie 1: kosz.png' }).waitFor();
      // Publishing the description is the resident's choice, unticked until they tick it.
      const consent = page.getByLabel('Opublikuj mój opis razem ze zgłoszeniem');
      expect(await consent.isChecked()).toBe(false);
      await consent.check();
      await page.getByLabel('E-mail', { exact: true }).fill('nie-email');
      await page.getByRole('button', { name: 'Dalej: podsumowanie' }).click();
      const email = page.getByLabel('E-mail', { exact: true });
      expect(await email.getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate<string>('document.activeElement.id')).toBe('contact-email');
      await expectAccessible(page, 'details with an error');
      await email.fill('');
      await page.getByRole('button', { name: 'Dalej: podsumowanie' }).click();

      await expectStepHeading(page, 'Krok 3 z 3: Sprawdź i wyślij');
      await page.getByText('Zgłoszenie anonimowe').waitFor();
      await page.getByText('kosz.png').waitFor();
      await page.getByText('Tak: może być pokazany przy zgłoszeniu').waitFor();
      await expectAccessible(page, 'review');
      await screenshot(page, ARTIFACTS, '3-review');
      // A double click files one case: the button locks and the idempotency key is the same.
      await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).dblclick();

      await expectStepHeading(page, 'Dziękujemy: zgłoszenie zostało wysłane');
      const number = (await page.getByTestId('case-number').textContent())!.trim();
      const token = (await page.getByTestId('tracking-token').textContent())!.trim();
      await page.getByText('Wysłane zdjęcia: 1.').waitFor();
      await expectAccessible(page, 'done');
      await screenshot(page, ARTIFACTS, '4-done');
      reported = { number, token };

      const em = fixture.orm.em.fork();
      const rows = await em.execute<
        {
          id: string;
          number: string;
          channel: string;
          event_code: string;
          district: string;
          lat: number;
          lon: number;
          street: string;
          building: string;
          language: string;
          publication_consent: boolean;
        }[]
      >(
        `select id, number, channel, event_code, district, lat, lon, street, building, language, publication_consent
           from cases where description = ?`,
        [description],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        number,
        channel: 'PORTAL',
        event_code: EVENT.code,
        district: street.district,
        street: 'Freta',
        building: '7',
        language: 'pl',
        publication_consent: true,
      });
      expect(Number(rows[0].lat)).toBeCloseTo(street.lat, 5);
      expect(Number(rows[0].lon)).toBeCloseTo(street.lon, 5);
      const [photos] = await em.execute<{ count: string }[]>(
        'select count(*) as count from case_attachments where case_id = ?',
        [rows[0].id],
      );
      expect(Number(photos.count)).toBe(1);
      // The code shown is the case's tracking token.
      const tracked = await fixture.app.inject({
        method: 'GET',
        url: `/api/v1/cases/${caseNumberToSlug(number)}?token=${encodeURIComponent(token)}`,
      });
      expect(tracked.statusCode).toBe(200);
      expect(tracked.json<{ number: string }>().number).toBe(number);

      await page.getByRole('link', { name: 'Sprawdź to zgłoszenie' }).click();
      await page.waitForURL(
        (url) =>
          url.pathname === `/portal/track/${caseNumberToSlug(number)}` &&
          url.searchParams.get('token') === token,
      );
      await context.close();
      expect(problems).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'the map of reports lists the new report under the map, following the filters, on a phone and a desktop',
    async () => {
      expect(reported).toBeDefined();
      for (const mobile of [true, false]) {
        const label = mobile ? 'phone' : 'desktop';
        const { context, page } = await newPage(browser, { mobile });
        watchProblems(page, problems, `map on a ${label}`);
        await openPortal(page, `${baseUrl}/portal/map`);
        await page.getByRole('heading', { level: 1, name: 'Mapa zgłoszeń' }).waitFor();
        await page.locator('.place-map .leaflet-tile-loaded').first().waitFor();
        await page.getByLabel('Rodzaj problemu').selectOption({ label: EVENT.name });
        const table = page.getByTestId('reports-table');
        const row = table.getByRole('row').filter({ hasText: reported.number });
        await row.waitFor();
        await row.filter({ hasText: 'Freta' }).filter({ hasText: street.district }).waitFor();
        await table.getByRole('row').filter({ hasText: existing.number }).waitFor();
        // Every row is the chosen problem.
        const events = await table.locator('tbody td:nth-child(2)').allTextContents();
        expect(new Set(events)).toEqual(new Set([EVENT.name]));
        expect(await page.locator('.place-map__dot--open').count()).toBeGreaterThanOrEqual(2);

        // The legend names each status group in words, beside the marker it describes.
        const legend = page.getByTestId('map-legend');
        for (const [group, text] of Object.entries(LEGEND)) {
          await expect(legend.locator(`li[data-group="${group}"]`).textContent()).resolves.toBe(text);
        }
        // Each report's marker has its status group's colour, the colour the legend shows for it.
        for (const { number } of [existing, reported]) {
          const response = await fixture.app.inject({
            method: 'GET',
            url: `/api/v1/public/cases/${caseNumberToSlug(number)}`,
          });
          const group = GROUP_OF[response.json<{ status: string }>().status];
          expect(group).toBeDefined();
          const marker = page.locator(`.leaflet-marker-icon[title^="${number} "]`);
          await expect(marker.getAttribute('class')).resolves.toContain(`place-map__dot--${group}`);
          await expect(markerColour(marker)).resolves.toBe(
            await markerColour(legend.locator(`li[data-group="${group}"] .status-swatch`)),
          );
        }
        const colours = await Promise.all(
          Object.keys(LEGEND).map((group) =>
            markerColour(legend.locator(`li[data-group="${group}"] .status-swatch`)),
          ),
        );
        expect(new Set(colours).size).toBe(3);
        // Both reports are at the same spot on Freta: their markers are spread apart, each clickable.
        const boxes = await Promise.all(
          [existing, reported].map(({ number }) =>
            page.locator(`.leaflet-marker-icon[title^="${number} "]`).boundingBox(),
          ),
        );
        const [a, b] = boxes.map((box) => ({ x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 }));
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(18);
        for (const { number } of [existing, reported]) {
          await page.locator(`.leaflet-marker-icon[title^="${number} "]`).click();
          await page.locator('.leaflet-popup-content', { hasText: number }).waitFor();
          await page.locator('.leaflet-popup-close-button').click();
          await page.locator('.leaflet-popup').waitFor({ state: 'detached' });
        }
        // Nothing to scroll sideways, on a phone too: the table turns into one card per report.
        await expect(
          page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'),
        ).resolves.toBe(true);
        await expect(
          page
            .locator('.table-scroll')
            .evaluate(
              (element: { scrollWidth: number; clientWidth: number }) =>
                element.scrollWidth <= element.clientWidth,
            ),
        ).resolves.toBe(true);
        await screenshot(page, ARTIFACTS, `5-map-${label}`);
        await expectAccessible(page, `map on a ${label}`);

        await page.getByLabel('Status').selectOption('resolved');
        await table.getByRole('row').filter({ hasText: reported.number }).waitFor({ state: 'detached' });
        await page.getByLabel('Status').selectOption('open');
        await table.getByRole('row').filter({ hasText: reported.number }).waitFor();
        await context.close();
      }

      // The first step on a phone, too.
      const { context, page } = await newPage(browser, { mobile: true });
      watchProblems(page, problems, 'report on a phone');
      await openPortal(page, `${baseUrl}/portal/report`);
      await page.getByRole('searchbox', { name: 'Ulica' }).fill('Freta');
      await page.getByRole('button', { name: /ul\. Freta/ }).click();
      await page
        .getByTestId('place-summary')
        .filter({ hasText: `Dzielnica: ${street.district}` })
        .waitFor();
      await screenshot(page, ARTIFACTS, '6-place-phone');
      await expectAccessible(page, 'place on a phone');
      // The phone says it is in Kraków: the place is outside the city, and the step does not go on.
      await context.grantPermissions(['geolocation']);
      await context.setGeolocation({ latitude: 50.0614, longitude: 19.9366 });
      await page.getByRole('button', { name: 'Użyj mojej lokalizacji' }).click();
      await page.getByRole('alert').filter({ hasText: 'To miejsce leży poza miastem' }).waitFor();
      await page.getByTestId('place-summary').filter({ hasText: '50.06140, 19.93660' }).waitFor();
      await page.getByRole('button', { name: 'Dalej: problem' }).click();
      await page.getByRole('alert').filter({ hasText: 'wybierz inne, aby przejść dalej' }).waitFor();
      expect(await page.locator('[aria-current="step"]').textContent()).toContain('Miejsce');
      await expectAccessible(page, 'place outside the city on a phone');
      await context.close();
      expect(problems).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'without a reachable tile server the place is shown as coordinates and address, and the reports as a list',
    async () => {
      const { context, page } = await newPage(browser);
      watchProblems(page, problems, 'without tiles', isUnreachableTile);
      await openPortal(page, `${baseUrlWithoutTiles}/portal/report`);
      await page.getByRole('searchbox', { name: 'Ulica' }).fill('Freta');
      await page.getByRole('button', { name: /ul\. Freta/ }).click();
      const plain = page.getByTestId('place-map-plain');
      await plain.getByText('Nie można teraz wyświetlić mapy.').waitFor();
      await plain
        .getByTestId('place-map-coordinates')
        .filter({ hasText: `${street.lat.toFixed(5)}, ${street.lon.toFixed(5)}` })
        .filter({ hasText: `ul. Freta, ${street.district}` })
        .waitFor();
      expect(await page.locator('.leaflet-container').count()).toBe(0);
      await screenshot(page, ARTIFACTS, '7-place-without-tiles');
      await expectAccessible(page, 'place without tiles');

      await page.getByRole('link', { name: 'Mapa zgłoszeń' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mapa zgłoszeń' }).waitFor();
      await page.getByTestId('place-map-plain').waitFor();
      await page.getByLabel('Rodzaj problemu').selectOption({ label: EVENT.name });
      await page.getByTestId('reports-table').getByRole('row').filter({ hasText: reported.number }).waitFor();
      await screenshot(page, ARTIFACTS, '8-map-without-tiles');
      await expectAccessible(page, 'map without tiles');

      // A report's own page names its place, not "the chosen place", when the map cannot be drawn.
      await page.getByTestId('reports-table').getByRole('link', { name: reported.number }).click();
      await page.getByRole('heading', { level: 1, name: `Zgłoszenie ${reported.number}` }).waitFor();
      const place = page.getByTestId('place-map-coordinates');
      await place.filter({ hasText: `Miejsce zgłoszenia: ul. Freta, ${street.district}` }).waitFor();
      await expect(place.textContent()).resolves.not.toContain('Wybrane miejsce');
      await screenshot(page, ARTIFACTS, '9-report-without-tiles');
      await expectAccessible(page, 'public report without tiles');
      await context.close();
      expect(problems).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
