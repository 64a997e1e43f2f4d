import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { Case } from '../../db/entities';
import { ensureAdminBuilt } from '../../scripts/services/frontend-build';
import {
  launchChromium,
  listenForBrowser,
  signInToBackOffice,
  UNREACHABLE_TILE_URL,
  isUnreachableTile,
} from '../support/browser';
import { eventually, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

const ARTIFACTS = path.join(__dirname, '..', 'artifacts', 'phone-call');
/**
 * The phone channel in Debian's Chromium: a clerk opens "New call", sees the caller's earlier case
 * as soon as the e-mail is typed, answers a question on the spot and lands on the new case; then
 * records a pothole with its event and district, which the workflow forwards. Screenshots of each
 * step go to tests/artifacts/phone-call/ (not committed).
 */
describe('recording a phone call in the back office', () => {
  let smtp: SmtpListener;
  let fixture: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const problems: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ensureAdminBuilt(() => {});
    smtp = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: { SMTP_URL: smtp.url, MAP_TILE_URL: UNREACHABLE_TILE_URL },
    });
    baseUrl = await listenForBrowser(fixture.app);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
    await smtp?.close();
  });

  const signIn = (username: string): Promise<Page> =>
    signInToBackOffice(browser, {
      baseUrl,
      username,
      password: fixture.config.demo.password,
      problems,
      ignore: isUnreachableTile,
    });

  async function openNewCall(page: Page): Promise<void> {
    await page.getByRole('menuitem', { name: /Rozmowy telefoniczne/ }).click();
    await page.getByRole('link', { name: /Nowa rozmowa/ }).click();
    await page.locator('input[name="caller.email"]').waitFor();
  }

  async function pick(page: Page, label: RegExp, option: RegExp): Promise<void> {
    await page.getByLabel(label).first().click();
    await page.getByRole('option', { name: option }).first().click();
  }

  const caseIdOnPage = (page: Page) => /#\/cases\/([0-9a-f-]{36})\/show/.exec(page.url())?.[1];

  it('a clerk answers a question on the spot and records a pothole, landing on each new case', async () => {
    const email = `dzwoniacy-${randomUUID().slice(0, 8)}@example.test`;
    const earlier = (
      await fixture.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: { kind: 'INFORMATION', description: 'Jak zapisać dziecko do żłobka?', contact: { email } },
      })
    ).json<{ number: string }>();

    const clerk = await signIn('clerk');
    await openNewCall(clerk);
    await clerk.locator('input[name="caller.name"]').fill('Ewa Malinowska');
    await clerk.locator('input[name="caller.email"]').fill(email);
    await clerk.getByTestId('caller-history').getByText(earlier.number).waitFor();
    await pick(clerk, /Rodzaj/, /^Pytanie$/);
    await clerk
      .locator('textarea[name="description"]')
      .fill('Pytanie o godziny otwarcia Urzędu Stanu Cywilnego');
    await clerk.getByLabel(/Udzielono odpowiedzi w trakcie rozmowy/).check();
    await clerk
      .locator('textarea[name="answer"]')
      .fill('USC jest czynny od poniedziałku do piątku w godzinach 8:00-16:00.');
    await clerk.screenshot({ path: path.join(ARTIFACTS, '1-answered-call-form.png') });
    await clerk.getByRole('button', { name: /Zapisz rozmowę/ }).click();

    await clerk.waitForURL(/#\/cases\/[0-9a-f-]{36}\/show/);
    await clerk.getByText(/Rozmowa zapisana jako sprawa nr/).waitFor();
    const answeredId = caseIdOnPage(clerk)!;
    const answered = await eventually(
      async () => {
        const row = await fixture.orm.em.fork().findOneOrFail(Case, { id: answeredId });
        return row.status === 'ANSWERED' && row;
      },
      { what: 'the answered call to be ANSWERED' },
    );
    expect(answered).toMatchObject({ channel: 'PHONE', kind: 'INFORMATION', contactEmail: email });
    await clerk.getByText(answered.number).first().waitFor();
    await clerk.screenshot({ path: path.join(ARTIFACTS, '2-answered-call-case.png') });

    await openNewCall(clerk);
    await clerk.locator('input[name="caller.phone"]').fill('+48 602 111 222');
    await pick(clerk, /Rodzaj/, /Awaria/);
    await pick(clerk, /Zdarzenie/, /Dziura w jezdni/);
    await clerk
      .locator('textarea[name="description"]')
      .fill('Duża dziura na skrzyżowaniu, auta hamują gwałtownie');
    await pick(clerk, /Dzielnica/, /^Wola$/);
    await clerk.locator('input[name="location.street"]').fill('Górczewska');
    await clerk.getByTestId('call-duration').fill('2:30');
    await clerk.screenshot({ path: path.join(ARTIFACTS, '3-incident-call-form.png') });
    await clerk.getByRole('button', { name: /Zapisz rozmowę/ }).click();
    await clerk.waitForURL(
      (url) => /#\/cases\/[0-9a-f-]{36}\/show/.test(url.hash) && !url.hash.includes(answeredId),
    );
    const incidentId = caseIdOnPage(clerk)!;
    const forwarded = await eventually(
      async () => {
        const row = await fixture.orm.em.fork().findOneOrFail(Case, { id: incidentId });
        return row.status === 'FORWARDED' && row;
      },
      { what: 'the pothole call to be forwarded' },
    );
    expect(forwarded).toMatchObject({
      channel: 'PHONE',
      eventCode: 'POTHOLE',
      district: 'Wola',
      unitCode: 'ZDM',
    });
    const [created] = await fixture.orm.em
      .fork()
      .execute<{ payload: { call: { durationSeconds: number } } }[]>(
        `select payload from case_events where case_id = ? and type = 'CREATED'`,
        [incidentId],
      );
    expect(created.payload.call.durationSeconds).toBe(150);
    await clerk.getByText(forwarded.number).first().waitFor();
    await clerk.screenshot({ path: path.join(ARTIFACTS, '4-incident-call-case.png') });
    expect(problems).toEqual([]);
  }, 180_000);

  it('a clerk finds "Puławska" by typing "pulawska", the district and position fill in, and the case has a pin', async () => {
    const clerk = await signIn('clerk');
    await openNewCall(clerk);
    await pick(clerk, /Rodzaj/, /Awaria/);
    await pick(clerk, /Zdarzenie/, /Dziura w jezdni/);
    await clerk.locator('textarea[name="description"]').fill('Zapadnięta studzienka na prawym pasie');
    const status = clerk.getByTestId('call-street-status');
    await status.filter({ hasText: /wybierz ją z rejestru/ }).waitFor();

    await clerk.locator('input[name="location.street"]').fill('pulawska');
    await clerk.getByRole('option', { name: 'ul. Puławska (Ursynów)' }).waitFor();
    await clerk.getByRole('option', { name: 'ul. Puławska (Mokotów)' }).click();
    await clerk.locator('input[name="location.building"]').fill('100');
    await expect(clerk.locator('input[name="location.street"]').inputValue()).resolves.toBe('Puławska');
    await expect(clerk.locator('input[name="location.district"]').inputValue()).resolves.toBe('Mokotów');
    await status.filter({ hasText: 'pozycję na mapie (52.19500, 21.02000), dzielnica Mokotów' }).waitFor();
    await clerk.getByTestId('call-duration').fill('1:10');
    await clerk.screenshot({ path: path.join(ARTIFACTS, '5-register-street-form.png') });
    await clerk.getByRole('button', { name: /Zapisz rozmowę/ }).click();

    await clerk.waitForURL(/#\/cases\/[0-9a-f-]{36}\/show/);
    const caseId = caseIdOnPage(clerk)!;
    const row = await fixture.orm.em.fork().findOneOrFail(Case, { id: caseId });
    expect(row).toMatchObject({
      channel: 'PHONE',
      street: 'Puławska',
      building: '100',
      district: 'Mokotów',
      lat: 52.195,
      lon: 21.02,
    });
    await clerk.locator('[data-testid="case-map"] .civicflow-case-pin').waitFor();
    await clerk.getByTestId('case-coordinates').filter({ hasText: '52.19500, 21.02000' }).waitFor();
    await clerk.screenshot({ path: path.join(ARTIFACTS, '6-register-street-case.png') });
    expect(problems).toEqual([]);
  }, 180_000);

  it('says a street typed without picking it from the register gives the case no position', async () => {
    const clerk = await signIn('clerk');
    await openNewCall(clerk);
    await clerk.locator('input[name="location.street"]').fill('za pętlą autobusową');
    await clerk
      .getByTestId('call-street-status')
      .filter({ hasText: /nie dostanie pozycji na mapie ani sprawdzenia duplikatów/ })
      .waitFor();
    await clerk.locator('input[name="location.street"]').fill('pulawska');
    await clerk.getByRole('option', { name: 'ul. Puławska (Ursynów)' }).click();
    await clerk
      .getByTestId('call-street-status')
      .filter({ hasText: /dzielnica Ursynów/ })
      .waitFor();
    // Typing over a chosen street drops its position: the text is free again.
    await clerk.locator('input[name="location.street"]').fill('Puławska róg Dolinki');
    await clerk
      .getByTestId('call-street-status')
      .filter({ hasText: /nie dostanie pozycji na mapie/ })
      .waitFor();
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows unit staff no way to record calls', async () => {
    const unit = await signIn('zdm');
    await expect(unit.getByRole('menuitem', { name: /Rozmowy telefoniczne/ }).count()).resolves.toBe(0);
  }, 120_000);
});
