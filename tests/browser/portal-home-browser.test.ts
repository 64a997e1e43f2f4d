import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
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
import { startTestApp, type TestApp } from '../support/integration';

const ARTIFACTS = 'portal-home';
const BROWSER_TEST_TIMEOUT_MS = 180_000;
const HOUR = 60 * 60 * 1000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/**
 * The portal's home, announcements and open-data pages in Chromium against the real API and
 * PostgreSQL: current announcements show (an expired one does not), the announcements page filters
 * by district, the open-data page gives a download link that works, the skip link takes a keyboard
 * user to the content, and axe-core finds no serious or critical violation on a desktop or a phone.
 */
describe('the portal home, announcements and open data in a browser', () => {
  let fixture: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const titles = {
    outage: `Przerwa w dostawie wody ${tag}`,
    closure: `Zamknięcie ulicy na Woli ${tag}`,
    expired: `Dawny komunikat ${tag}`,
  };
  const createdIds: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    // The menu test ends on the map page: its tiles come from a server nobody answers on, never the internet.
    fixture = await startTestApp({
      demoUsers: true,
      config: { ...(await portalBuildConfig()), MAP_TILE_URL: UNREACHABLE_TILE_URL },
    });
    baseUrl = await listenForBrowser(fixture.app);
    browser = await launchChromium();

    const clerk = { authorization: await fixture.authorization('clerk') };
    const post = async (body: Record<string, unknown>) => {
      const response = await fixture.app.inject({
        method: 'POST',
        url: '/api/announcements',
        headers: clerk,
        payload: { published: true, validTo: null, ...body },
      });
      expect(response.statusCode).toBe(201);
      createdIds.push(response.json<{ id: string }>().id);
    };
    await post({
      kind: 'WATER_OUTAGE',
      title: { pl: titles.outage, en: `Water outage ${tag}` },
      body: { pl: 'MPWiK wymienia zasuwę na ul. Puławskiej.', en: 'MPWiK is replacing a valve.' },
      districts: ['Mokotów'],
      validFrom: at(-HOUR),
      validTo: at(6 * HOUR),
    });
    await post({
      kind: 'ROAD_CLOSURE',
      title: { pl: titles.closure, en: `Street closed in Wola ${tag}` },
      body: { pl: 'Objazd ulicą Prostą.', en: 'Detour via Prosta.' },
      districts: ['Wola'],
      validFrom: at(-HOUR),
    });
    await post({
      kind: 'ALERT',
      title: { pl: titles.expired, en: `Old alert ${tag}` },
      body: { pl: 'Już nieaktualne.', en: 'No longer in force.' },
      validFrom: at(-48 * HOUR),
      validTo: at(-24 * HOUR),
    });
  }, BROWSER_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    if (fixture) {
      const admin = { authorization: await fixture.authorization('admin') };
      for (const id of createdIds) {
        await fixture.app.inject({ method: 'DELETE', url: `/api/announcements/${id}`, headers: admin });
      }
      await fixture.close();
    }
  });

  async function open(path: string, label: string, mobile = false): Promise<Page> {
    const { page } = await newPage(browser, { mobile });
    watchProblems(page, problems, label, isUnreachableTile);
    await page.goto(`${baseUrl}/portal${path}`);
    return page;
  }

  async function expectAccessible(page: Page, name: string) {
    await screenshot(page, ARTIFACTS, name);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  it(
    'shows current alerts on the home page, not expired ones, and leads to the knowledge base',
    async () => {
      for (const mobile of [false, true]) {
        const page = await open('/', `home${mobile ? ' (phone)' : ''}`, mobile);
        const outage = page.locator('article', { hasText: titles.outage });
        await outage.waitFor({ timeout: 30_000 });
        await expect(outage.getAttribute('class')).resolves.toContain('notice--warn');
        await expect(page.getByText(titles.expired).count()).resolves.toBe(0);
        await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
        for (const name of [/Zgłoś problem/, /Sprawdź sprawę/, /Umów wizytę/, /Mapa zgłoszeń/]) {
          await expect(page.getByRole('main').getByRole('link', { name }).first().isVisible()).resolves.toBe(
            true,
          );
        }
        await expect(page.getByRole('main').locator('a[href="tel:19115"]').count()).resolves.toBe(1);
        await expectAccessible(page, mobile ? 'home-phone' : 'home-desktop');

        if (!mobile) {
          // Keyboard: the first Tab reaches the skip link, Enter moves focus to the page's content.
          await page.keyboard.press('Tab');
          await expect(
            page.evaluate<boolean>("document.activeElement?.classList.contains('skip-link') === true"),
          ).resolves.toBe(true);
          await page.keyboard.press('Enter');
          await expect(
            page.evaluate<string | undefined>('document.activeElement && document.activeElement.id'),
          ).resolves.toBe('content');

          await page.getByRole('searchbox', { name: 'Czego chcesz się dowiedzieć?' }).fill('meldunek');
          await page.getByRole('button', { name: 'Szukaj' }).click();
          await page.waitForURL(/\/portal\/help\?q=meldunek$/);
        }
        await page.context().close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'puts reporting within the first phone screen and folds the menu behind a keyboard-usable button',
    async () => {
      const page = await open('/', 'home layout (phone)', true);
      const report = page.getByRole('main').getByRole('link', { name: 'Zgłoś problem' }).first();
      await report.waitFor({ timeout: 30_000 });
      // Wait for the announcements so a late layout shift would show in the position checked.
      await page.locator('article', { hasText: titles.outage }).waitFor();
      const box = await report.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y).toBeLessThan(400);
      expect(box!.y + box!.height).toBeLessThanOrEqual(844);
      await expect(report.isVisible()).resolves.toBe(true);
      await expect(page.evaluate<number>('window.scrollY')).resolves.toBe(0);

      // Folded, the menu is out of the accessibility tree: found by its id until the button opens it.
      const menu = page.locator('nav#site-nav');
      const button = page.getByRole('button', { name: 'Menu' });
      await expect(menu.getByRole('link', { name: 'Mapa zgłoszeń' }).isVisible()).resolves.toBe(false);
      await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(button.getAttribute('aria-controls')).resolves.toBe('site-nav');

      // Keyboard only: focus the button, open with Enter, Tab into the links, Escape folds the menu
      // and gives focus back to the button, Enter on a link opens its page and folds the menu.
      await button.focus();
      await page.keyboard.press('Enter');
      await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
      await expect(menu.getByRole('link', { name: 'Mapa zgłoszeń' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('navigation', { name: 'Menu główne' }).count()).resolves.toBe(1);
      await expectAccessible(page, 'home-phone-menu-open');
      await page.keyboard.press('Tab');
      await expect(page.evaluate<string | null>('document.activeElement?.textContent ?? null')).resolves.toBe(
        'Strona główna',
      );
      await page.keyboard.press('Escape');
      await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(page.evaluate<string | null>('document.activeElement?.className ?? null')).resolves.toBe(
        'menu-button',
      );
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await expect(page.evaluate<string | null>('document.activeElement?.textContent ?? null')).resolves.toBe(
        'Mapa zgłoszeń',
      );
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/portal\/map$/);
      await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(menu.getByRole('link', { name: 'Mapa zgłoszeń' }).isVisible()).resolves.toBe(false);
      await page.context().close();

      // On a desktop the menu is always open and there is no button.
      const desktop = await open('/', 'home layout (desktop)');
      await desktop
        .getByRole('main')
        .getByRole('link', { name: 'Zgłoś problem' })
        .first()
        .waitFor({ timeout: 30_000 });
      await expect(
        desktop
          .getByRole('navigation', { name: 'Menu główne' })
          .getByRole('link', { name: 'Mapa zgłoszeń' })
          .isVisible(),
      ).resolves.toBe(true);
      await expect(desktop.getByRole('button', { name: 'Menu' }).isVisible()).resolves.toBe(false);
      await desktop.context().close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'offers the chat in the menu and on the help pages only while a clerk is online',
    async () => {
      const em = fixture.orm.em.fork();
      const connectionId = randomUUID();

      const offline = await open('/help', 'help, no clerk online (phone)', true);
      // Nothing left to load: the portal has had its answer about the chat.
      await offline.waitForLoadState('networkidle');
      await offline.getByRole('heading', { level: 1 }).waitFor();
      await expect(offline.getByTestId('chat-offer').count()).resolves.toBe(0);
      await expect(offline.getByTestId('nav-chat').count()).resolves.toBe(0);
      await offline.context().close();

      // A clerk's chat socket records the clerk's presence; this is that record.
      const [clerk] = await em.execute<{ id: string }[]>("select id from users where username = 'clerk'");
      await em.execute(
        'insert into chat_clerk_presence (connection_id, user_id, username, last_seen_at) values (?, ?, ?, now())',
        [connectionId, clerk.id, 'clerk'],
      );
      try {
        const page = await open('/help', 'help, a clerk online (phone)', true);
        const offer = page.getByTestId('chat-offer');
        await offer.waitFor({ timeout: 30_000 });
        const link = offer.getByRole('link', { name: 'Porozmawiaj na czacie' });
        await expect(link.getAttribute('href')).resolves.toBe('/chat?lang=pl');
        await page.getByRole('button', { name: 'Menu' }).click();
        const menuChat = page
          .getByRole('navigation', { name: 'Menu główne' })
          .getByRole('link', { name: 'Czat teraz' });
        await expect(menuChat.getAttribute('href')).resolves.toBe('/chat?lang=pl');
        await expectAccessible(page, 'help-chat-online-phone');
        await menuChat.click();
        await page.waitForURL(/\/chat\?lang=pl$/);
        await page.locator('#start-form').waitFor();
        await page.context().close();

        // Elsewhere only the menu offers it.
        const home = await open('/', 'home, a clerk online');
        await home.getByTestId('nav-chat').waitFor({ timeout: 30_000 });
        await expect(home.getByTestId('chat-offer').count()).resolves.toBe(0);
        await home.context().close();
      } finally {
        await em.execute('delete from chat_clerk_presence where connection_id = ?', [connectionId]);
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'filters the announcements page by district and links the Atom feed',
    async () => {
      for (const mobile of [false, true]) {
        const page = await open('/announcements', `announcements${mobile ? ' (phone)' : ''}`, mobile);
        await page.getByText(titles.outage).waitFor({ timeout: 30_000 });
        await expect(page.getByText(titles.closure).count()).resolves.toBe(1);
        await expect(page.getByText(titles.expired).count()).resolves.toBe(0);
        await expectAccessible(page, mobile ? 'announcements-phone' : 'announcements-desktop');

        await page.getByLabel('Dzielnica').selectOption('Wola');
        await page.waitForURL(/district=Wola/);
        // The URL changes before the filtered list arrives: wait for the other district's news to go.
        await page.getByText(titles.outage).waitFor({ state: 'detached' });
        await page.getByText(titles.closure).waitFor();
        await expect(page.getByText(titles.outage).count()).resolves.toBe(0);
        const closure = page.locator('article', { hasText: titles.closure });
        await expect(closure.textContent()).resolves.toContain('Dotyczy: Wola.');
        await expect(closure.textContent()).resolves.toContain('do odwołania');

        const feed = page.getByRole('link', { name: 'Subskrybuj kanał Atom' });
        const href = await feed.getAttribute('href');
        expect(href).toBe('/api/v1/announcements/feed.atom?lang=pl&district=Wola');
        const atom = await page.request.get(`${baseUrl}${href}`);
        expect(atom.status()).toBe(200);
        expect(atom.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
        expect(await atom.text()).toContain(titles.closure);
        await expectAccessible(page, mobile ? 'announcements-wola-phone' : 'announcements-wola-desktop');
        await page.context().close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'builds working download links on the open-data page',
    async () => {
      for (const mobile of [false, true]) {
        const page = await open('/open-data', `open data${mobile ? ' (phone)' : ''}`, mobile);
        await page.getByRole('heading', { level: 1, name: 'Otwarte dane' }).waitFor({ timeout: 30_000 });
        await expectAccessible(page, mobile ? 'open-data-phone' : 'open-data-desktop');

        // A range the API would refuse is explained before any link is given.
        await page.getByLabel('Od', { exact: true }).fill('2024-01-01');
        await page.getByLabel('Do', { exact: true }).fill('2025-06-30');
        await page.getByRole('button', { name: 'Przygotuj linki do pobrania' }).click();
        await expect(page.getByRole('alert').textContent()).resolves.toContain('547 dni');
        await expect(page.getByRole('link', { name: /^CSV/ }).count()).resolves.toBe(0);
        await expectAccessible(page, mobile ? 'open-data-error-phone' : 'open-data-error-desktop');

        await page.getByLabel('Od', { exact: true }).fill('2025-01-01');
        await page.getByLabel('Do', { exact: true }).fill('2025-01-31');
        await page.getByLabel('Dzielnica').selectOption('Mokotów');
        await page.getByRole('button', { name: 'Przygotuj linki do pobrania' }).click();
        const csv = page.getByRole('link', { name: /^CSV/ });
        await csv.waitFor();
        const csvHref = await csv.getAttribute('href');
        expect(csvHref).toBe(
          `/api/v1/open-data/notifications.csv?from=2025-01-01&to=2025-01-31&district=Mokot%C3%B3w`,
        );
        const download = await page.request.get(`${baseUrl}${csvHref}`);
        expect(download.status()).toBe(200);
        expect(download.headers()['content-disposition']).toContain('attachment');
        expect((await download.text()).replace(/^\uFEFF/, '')).toMatch(/^notificationNumber,category,/);

        const jsonHref = await page.getByRole('link', { name: /^JSON/ }).getAttribute('href');
        const json = await page.request.get(`${baseUrl}${jsonHref}`);
        expect(json.status()).toBe(200);
        expect(await json.json()).toMatchObject({ items: expect.any(Array), page: 1, pageSize: 1000 });

        const schemaHref = await page
          .getByRole('link', { name: 'Schemat JSON rekordu' })
          .getAttribute('href');
        const schema = await page.request.get(`${baseUrl}${schemaHref}`);
        expect(schema.status()).toBe(200);
        await expectAccessible(page, mobile ? 'open-data-links-phone' : 'open-data-links-desktop');
        await page.context().close();
      }
      expect(problems).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
