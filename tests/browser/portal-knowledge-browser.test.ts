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
} from '../support/browser';
import { eventually, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

const ARTIFACTS = 'portal-knowledge';
const BROWSER_TEST_TIMEOUT_MS = 240_000;

/**
 * The knowledge base in Chromium against the real API, PostgreSQL and a worker: a resident searches
 * with the keyboard, opens an article and finds the answer; then asks a question no article answers,
 * sends it from the portal, sees the case number, and the case exists as an INFORMATION case from
 * the PORTAL channel that the workflow picked up. axe-core finds no serious or critical violation on
 * the search page, an article and the question form, on a desktop and on a phone.
 */
describe('the knowledge base in the portal, in a browser', () => {
  let fixture: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let smtp: SmtpListener;
  const problems: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      config: { ...(await portalBuildConfig()), SMTP_URL: smtp.url },
    });
    baseUrl = await listenForBrowser(fixture.app);
    browser = await launchChromium();
  }, BROWSER_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
    await smtp?.close();
  });

  async function open(path: string, label: string, mobile = false): Promise<Page> {
    const { page } = await newPage(browser, { mobile });
    watchProblems(page, problems, label);
    await page.goto(`${baseUrl}/portal${path}`);
    return page;
  }

  async function expectAccessible(page: Page, what: string) {
    expect({ what, violations: await seriousAccessibilityViolations(page) }).toEqual({
      what,
      violations: [],
    });
  }

  it(
    'a resident finds an answer, then asks what no article answers and gets a case number',
    async () => {
      const page = await open('/help', 'desktop');
      await page.getByRole('heading', { level: 1, name: 'W czym możemy pomóc?' }).waitFor();
      await page.getByRole('link', { name: /Dokumenty i meldunek/ }).waitFor();
      await page.getByRole('link', { name: 'Dowód osobisty: wniosek i odbiór' }).waitFor();
      await expectAccessible(page, 'search page');
      await screenshot(page, ARTIFACTS, '1-help');

      // Keyboard only: type in the search box and submit with Enter.
      const searchBox = page.getByRole('searchbox', { name: 'Szukaj odpowiedzi' });
      await searchBox.focus();
      await page.keyboard.type('dowod osobisty');
      await page.keyboard.press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: /dla „dowod osobisty”/ })
        .waitFor();
      expect(new URL(page.url()).searchParams.get('q')).toBe('dowod osobisty');
      const results = page.locator('.knowledge-results h3');
      expect(await results.first().textContent()).toBe('Dowód osobisty: wniosek i odbiór');
      await expectAccessible(page, 'search results');
      await screenshot(page, ARTIFACTS, '2-results');

      await results.first().getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: 'Dowód osobisty: wniosek i odbiór' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/portal/help/dowod-osobisty');
      await expect(
        page
          .getByText(/zdjęcie 35 × 45 mm/)
          .first()
          .isVisible(),
      ).resolves.toBe(true);
      await expect(page.getByRole('link', { name: 'Dokumenty i meldunek' }).isVisible()).resolves.toBe(true);
      await expectAccessible(page, 'article page');
      await screenshot(page, ARTIFACTS, '3-article');

      const question = `Czy mogę wypuścić balony helowe nad Wisłą podczas festynu ${randomUUID().slice(0, 4)}?`;
      await page.goto(`${baseUrl}/portal/help?q=${encodeURIComponent(question)}`);
      await page.getByRole('status').filter({ hasText: 'Nie znaleziono odpowiedzi' }).waitFor();
      expect(await page.getByRole('searchbox', { name: 'Szukaj odpowiedzi' }).inputValue()).toBe(question);
      await page.getByRole('link', { name: 'Zapytaj nas' }).click();

      await page.getByRole('heading', { level: 1, name: 'Zadaj pytanie' }).waitFor();
      const questionBox = page.getByLabel(/Twoje pytanie/);
      expect(await questionBox.inputValue()).toBe(question);
      await page.getByLabel(/E-mail do odpowiedzi/).fill('nie-adres');
      await page.getByRole('button', { name: 'Wyślij pytanie' }).click();
      await page.getByText('Wpisz poprawny adres e-mail').waitFor();
      // The field to fix gets the focus, so a keyboard or screen-reader user lands on it.
      expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('ask-email');
      await expectAccessible(page, 'question form with an error');
      const email = `mieszkanka-${randomUUID().slice(0, 8)}@example.com`;
      await page.getByLabel(/E-mail do odpowiedzi/).fill(email);
      await page.getByLabel(/Imię i nazwisko/).fill('Anna Testowa');
      await screenshot(page, ARTIFACTS, '4-question');
      await page.getByRole('button', { name: 'Wyślij pytanie' }).click();

      await page.getByRole('heading', { name: 'Twoje pytanie zostało wysłane' }).waitFor();
      const number = (await page.getByTestId('case-number').textContent())?.trim() ?? '';
      expect(number).toMatch(/^\d{6,}\/\d{2}$/);
      await expectAccessible(page, 'question sent');
      await screenshot(page, ARTIFACTS, '5-sent');
      const follow = await page.getByRole('link', { name: 'Śledź swoje pytanie' }).getAttribute('href');
      const followUrl = new URL(follow ?? '', baseUrl);
      expect(followUrl.pathname).toBe(`/portal/track/${number.replace('/', '-')}`);
      const token = followUrl.searchParams.get('token') ?? '';

      const [stored] = await fixture.orm.em.fork().execute<
        {
          kind: string;
          channel: string;
          description: string;
          language: string;
          contact_email: string | null;
        }[]
      >('select kind, channel, description, language, contact_email from cases where number = ?', [number]);
      expect(stored).toMatchObject({
        kind: 'INFORMATION',
        channel: 'PORTAL',
        description: question,
        language: 'pl',
      });
      expect(stored.contact_email).toBe(email);

      // The worker picks the case up: its tracking page leaves NEW.
      const tracked = await eventually(
        async () => {
          const response = await fixture.app.inject({
            method: 'GET',
            url: `/api/v1/cases/${number.replace('/', '-')}?token=${encodeURIComponent(token)}`,
          });
          const body = response.json<{ kind: string; status: string }>();
          return response.statusCode === 200 && body.status !== 'NEW' ? body : null;
        },
        { timeoutMs: 30_000, what: 'the question case processed by the workflow' },
      );
      expect(tracked.kind).toBe('INFORMATION');
      const acknowledgement = await smtp.waitFor((mail) => mail.text?.includes(number) === true, 30_000);
      expect(JSON.stringify(acknowledgement.to)).toContain(email);
      expect(problems).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'works on a phone: search, results and the question form without serious violations',
    async () => {
      const page = await open('/help?q=gabaryty', 'phone', true);
      await page
        .getByRole('status')
        .filter({ hasText: /gabaryty/ })
        .waitFor();
      await page.getByRole('link', { name: 'Odbiór mebli i odpadów wielkogabarytowych' }).waitFor();
      await expectAccessible(page, 'phone: search results');
      await screenshot(page, ARTIFACTS, 'phone-results');
      await page.getByRole('link', { name: 'Zapytaj nas' }).click();
      await page.getByRole('heading', { level: 1, name: 'Zadaj pytanie' }).waitFor();
      expect(await page.getByLabel(/Twoje pytanie/).inputValue()).toBe('gabaryty');
      await expectAccessible(page, 'phone: question form');
      await screenshot(page, ARTIFACTS, 'phone-question');
      expect(problems).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'on a phone, says "no answers" right under the search box, on the first screen, then offers to ask',
    async () => {
      const page = await open(
        `/help?q=${encodeURIComponent('czy mogę wypuścić balony helowe nad Wisłą')}`,
        'phone, no answers',
        true,
      );
      const status = page.getByRole('status').filter({ hasText: 'Nie znaleziono odpowiedzi' });
      await status.waitFor();
      // The categories load separately; measure once they are on the page, as a resident sees it.
      await page.getByRole('link', { name: /Dokumenty i meldunek/ }).waitFor();
      await screenshot(page, ARTIFACTS, 'phone-no-answers');
      const viewport = page.viewportSize()!;
      const searchBox = (await page.getByRole('searchbox', { name: 'Szukaj odpowiedzi' }).boundingBox())!;
      const message = (await status.boundingBox())!;
      const ask = (await page.getByRole('link', { name: 'Zapytaj nas' }).boundingBox())!;
      const categories = (await page.getByRole('heading', { level: 2, name: 'Kategorie' }).boundingBox())!;
      const searchButton = (await page.getByRole('button', { name: 'Szukaj' }).boundingBox())!;
      const underTheBox = Math.max(searchBox.y + searchBox.height, searchButton.y + searchButton.height);
      expect(viewport).toEqual({ width: 390, height: 844 });
      // Directly under the search box (and its button), not below the list of categories.
      expect(message.y).toBeGreaterThanOrEqual(underTheBox);
      expect(message.y - underTheBox).toBeLessThan(100);
      // The message is on the first screen, and the way to ask follows it, before the categories.
      expect(message.y + message.height).toBeLessThanOrEqual(viewport.height);
      expect(ask.y).toBeGreaterThan(message.y);
      expect(ask.y).toBeLessThan(categories.y);
      await expectAccessible(page, 'phone: no answers');
      expect(problems).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
