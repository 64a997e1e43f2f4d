import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureAdminBuilt } from '../../scripts/services/frontend-build';
import { launchChromium, listenForBrowser, newPage, watchProblems } from '../support/browser';
import { caseIdOfNumber, startTestApp, type TestApp } from '../support/integration';

/**
 * Records every change of the page's address: react-router's hash history moves with
 * pushState/replaceState (no hashchange event), an assignment to location.hash fires hashchange.
 * A string, not a function: the test code is compiled without the DOM's types.
 */
const RECORD_NAVIGATIONS = `
  window.__navigations = [];
  const record = (kind, url) => window.__navigations.push({ kind, url: String(url) });
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    history[name] = function (state, unused, url) {
      record(name, url == null ? location.href : new URL(url, location.href).href);
      return original.apply(this, arguments);
    };
  }
  addEventListener('hashchange', () => record('hashchange', location.href));
`;

/** How many times the page went to the sign-in form so far. */
async function redirectsToLogin(page: Page): Promise<number> {
  const navigations = await page.evaluate<{ kind: string; url: string }[]>('window.__navigations');
  return navigations.filter((n) => new URL(n.url).hash.startsWith('#/login')).length;
}

/**
 * A deep link (every SLA e-mail has one) opened by a browser that is not signed in: one redirect
 * to the sign-in form, a form that takes typing at once, and after signing in the page the link
 * named. Issue 17: react-router 7 made the redirect a React transition that react-admin's logout
 * kept interrupting, so the link pushed #/login thousands of times over 13-17 s before the form.
 */
describe('a back-office deep link opened signed out', () => {
  let fixture: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let caseId: string;
  let caseNumber: string;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureAdminBuilt(() => {});
    fixture = await startTestApp({ demoUsers: true });
    baseUrl = await listenForBrowser(fixture.app);
    browser = await launchChromium();
    const filed = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        description: 'Zepsuta latarnia przy przejściu dla pieszych od tygodnia',
        district: 'Wola',
      },
    });
    expect(filed.statusCode).toBe(201);
    caseNumber = filed.json<{ number: string }>().number;
    caseId = await caseIdOfNumber(fixture.orm, caseNumber);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await fixture?.close();
  });

  /**
   * Opens the link in a new browser, signs in as the clerk as soon as the form shows and waits for
   * the page the link named. `session`: a session left in the browser from before.
   */
  async function followSignedOut(
    hash: string,
    landed: (page: Page) => Promise<unknown>,
    session?: { token: string; user: unknown },
  ): Promise<void> {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    // Signed out, the API refuses what the page asks before it knows that (401): expected here.
    watchProblems(page, problems, hash, (url) => new URL(url).pathname.startsWith('/api/'));
    await page.addInitScript(RECORD_NAVIGATIONS);
    if (session) {
      // Only into the first document: after the sign-in the browser keeps its new session.
      await page.addInitScript(`
        if (!sessionStorage.getItem('seeded')) {
          sessionStorage.setItem('seeded', '1');
          localStorage.setItem('civicflow.token', ${JSON.stringify(session.token)});
          localStorage.setItem('civicflow.user', ${JSON.stringify(JSON.stringify(session.user))});
        }
      `);
    }
    await page.goto(`${baseUrl}/admin/${hash}`);
    const loaded = Date.now();
    const username = page.locator('input[name="username"]');
    // The issue saw the field unusable for 13-17 s; once the page has loaded it takes a moment.
    await username.fill('clerk', { timeout: 20_000 });
    const formUsableAfter = Date.now() - loaded;
    const redirects = await redirectsToLogin(page);
    // The loop is caught by counting, not by the clock: it pushed #/login thousands of times.
    expect(redirects).toBeGreaterThanOrEqual(1);
    expect(redirects).toBeLessThanOrEqual(2);

    await page.locator('input[name="password"]').fill(fixture.config.demo.password);
    // The form stays: what was typed is still there and nothing sent the user anywhere else.
    expect(await username.inputValue()).toBe('clerk');
    expect(await redirectsToLogin(page)).toBe(redirects);
    expect(new URL(page.url()).hash).toBe('#/login');
    const submitted = Date.now();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.hash === hash, { timeout: 10_000 });
    await landed(page);
    const landedAfter = Date.now() - submitted;
    expect(await redirectsToLogin(page)).toBe(redirects);
    expect(problems).toEqual([]);
    // Times are a shared machine's, so only far-off bounds are asserted (the loop took 13-17 s
    // before the form; on a quiet machine the form takes 0.3-0.5 s and landing 0.4-0.6 s, under
    // the 2 s): the figures are printed for the note.
    expect(formUsableAfter).toBeLessThan(10_000);
    expect(landedAfter).toBeLessThan(10_000);
    process.stdout.write(
      `deep link ${hash.replace(caseId, '<id>')}: ${redirects} redirect(s) to #/login, form usable after ${formUsableAfter} ms, landed ${landedAfter} ms after submitting\n`,
    );
  }

  const caseShown = (page: Page) => page.getByText(caseNumber).first().waitFor({ timeout: 10_000 });

  it("a case's page: one redirect to the form, typed into at once, the case shown after signing in", async () => {
    await followSignedOut(`#/cases/${caseId}/show`, caseShown);
  });

  it('the case list: the same', async () => {
    await followSignedOut('#/cases', (page) =>
      page
        .getByRole('heading', { name: /Sprawy/ })
        .first()
        .waitFor({ timeout: 10_000 }),
    );
  });

  it("a case's page with a session the API has ended: the same", async () => {
    const signedIn = await fixture.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'clerk', password: fixture.config.demo.password },
    });
    expect(signedIn.statusCode).toBe(200);
    const session = signedIn.json<{ token: string; user: unknown }>();
    const ended = await fixture.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(ended.statusCode).toBe(204);
    await followSignedOut(`#/cases/${caseId}/show`, caseShown, session);
  });
});
