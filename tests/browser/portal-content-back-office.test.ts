import type { Browser, Page } from 'playwright-core';
import { ensureAdminBuilt } from '../../scripts/services/frontend-build';
import {
  launchChromium,
  listenForBrowser,
  newPage,
  portalBuildConfig,
  screenshot,
  seriousAccessibilityViolations,
  signInToBackOffice,
  watchProblems,
} from '../support/browser';
import { startTestApp, type TestApp } from '../support/integration';

const ARTIFACTS = 'portal-content';

/**
 * What the portal tells residents is written in the back office: a clerk posts an announcement and
 * a manager writes a knowledge-base article there, in Chromium, and a resident then finds both in
 * the portal without anyone touching the database.
 */
describe('portal content managed in the back office', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const problems: string[] = [];
  /** A word nobody else uses, so the resident's search can only find this test's article. */
  const marker = `zwierzyniec${Date.now().toString(36)}`;

  beforeAll(async () => {
    await ensureAdminBuilt(() => {});
    t = await startTestApp({ demoUsers: true, config: await portalBuildConfig() });
    baseUrl = await listenForBrowser(t.app);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
    problems.length = 0;
  });

  const signIn = (username: string): Promise<Page> =>
    signInToBackOffice(browser, { baseUrl, username, password: t.config.demo.password, problems });

  it('a clerk posts an alert and residents see it on the portal’s home page', async () => {
    const clerk = await signIn('clerk');
    await clerk.goto(`${baseUrl}/admin/#/announcements/create`);
    await clerk
      .getByLabel(/Rodzaj|Typ/)
      .first()
      .click();
    await clerk
      .getByRole('option', { name: /Ostrzeżenie|Alert/ })
      .first()
      .click();
    await clerk.getByLabel('Tytuł (polski)').fill(`Awaria sieci ciepłowniczej ${marker}`);
    await clerk.getByLabel('Treść (polska)').fill('Brak ciepłej wody przy ul. Grójeckiej do odwołania.');
    await clerk.getByLabel('Tytuł (angielski)').fill(`Heating network failure ${marker}`);
    await clerk.getByLabel('Treść (angielska)').fill('No hot water on Grójecka street until further notice.');
    await clerk.getByRole('button', { name: /Zapisz/ }).click();
    await clerk.getByText(`Awaria sieci ciepłowniczej ${marker}`).first().waitFor();
    await screenshot(clerk, ARTIFACTS, 'announcement-saved');

    const { page: resident } = await newPage(browser, { mobile: true });
    watchProblems(resident, problems, 'resident');
    await resident.goto(`${baseUrl}/portal/`);
    await resident.getByText(`Awaria sieci ciepłowniczej ${marker}`).first().waitFor();
    expect(await seriousAccessibilityViolations(resident)).toEqual([]);
    await screenshot(resident, ARTIFACTS, 'home-with-alert');
  });

  it('a manager writes and publishes an article and residents find it in the knowledge base', async () => {
    const manager = await signIn('manager');
    await manager.goto(`${baseUrl}/admin/#/knowledge-articles/create`);
    await manager.getByLabel(/Adres \(slug\)/).fill(`karmienie-ptakow-${marker}`);
    await manager
      .getByLabel(/Kategoria/)
      .first()
      .click();
    await manager.getByRole('option').first().click();
    await manager.getByLabel(/Opublikowany/).check();
    await manager.getByRole('tab', { name: 'Polski' }).click();
    await manager.getByLabel(/Tytuł \(polski\)/).fill(`Dokarmianie ptaków w parkach (${marker})`);
    await manager.getByLabel(/Streszczenie \(polski\)/).fill('Czym i kiedy można dokarmiać ptaki w parkach.');
    await manager
      .getByLabel(/Treść \(polski\)/)
      .fill('Zimą ptaki można dokarmiać ziarnem i tłuszczem.\n\nNie dawaj ptakom chleba.');
    await manager.getByRole('tab', { name: 'Angielski' }).click();
    await manager.getByLabel(/Tytuł \(angielski\)/).fill(`Feeding birds in parks (${marker})`);
    await manager.getByLabel(/Streszczenie \(angielski\)/).fill('What and when you may feed birds in parks.');
    await manager
      .getByLabel(/Treść \(angielski\)/)
      .fill('In winter birds may be fed grain and fat.\n\nDo not give birds bread.');
    await manager.getByRole('button', { name: /Zapisz/ }).click();
    await manager.getByText(`Dokarmianie ptaków w parkach (${marker})`).first().waitFor();
    await screenshot(manager, ARTIFACTS, 'article-saved');

    const { page: resident } = await newPage(browser);
    watchProblems(resident, problems, 'resident');
    await resident.goto(`${baseUrl}/portal/help`);
    const search = resident.getByRole('searchbox').or(resident.locator('#knowledge-q'));
    await search.first().fill(marker);
    await search.first().press('Enter');
    await resident
      .getByRole('link', { name: new RegExp(`Dokarmianie ptaków w parkach \\(${marker}\\)`) })
      .click();
    await resident.getByText('Nie dawaj ptakom chleba.').waitFor();
    expect(await seriousAccessibilityViolations(resident)).toEqual([]);
    await screenshot(resident, ARTIFACTS, 'article-in-portal');
  });
});
