import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import {
  launchChromium,
  newPage,
  portalBuildConfig,
  screenshot,
  seriousAccessibilityViolations,
  watchProblems,
  UNREACHABLE_TILE_URL,
  isUnreachableTile,
} from '../support/browser';
import { freePort } from '../support/free-port';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

const ARTIFACTS = 'portal-tracking';
interface Filed {
  id: string;
  number: string;
  trackingToken: string;
}

/**
 * A resident follows a case in the portal, in Chromium, from the link in the real acknowledgement
 * e-mail: the unit asks a question and the resident answers it on the page, the unit resolves the
 * case and the resident rates it, then reopens it because the problem came back. Each state of the
 * page is checked with axe-core, on a desktop and once on a phone-sized screen.
 */
describe('tracking a case in the residents’ portal', () => {
  let smtp: SmtpListener;
  let fixture: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const problems: string[] = [];
  const email = `resident-${randomUUID().slice(0, 8)}@resident.test`;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: {
        ...(await portalBuildConfig()),
        SMTP_URL: smtp.url,
        PUBLIC_URL: baseUrl,
        MAP_TILE_URL: UNREACHABLE_TILE_URL,
      },
    });
    await fixture.app.listen({ host: '127.0.0.1', port });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
    await smtp?.close();
  });

  async function open(options: { mobile?: boolean } = {}): Promise<Page> {
    const { page } = await newPage(browser, options);
    watchProblems(page, problems, options.mobile ? 'phone' : 'desktop', isUnreachableTile);
    return page;
  }

  async function expectAccessible(page: Page, state: string) {
    await screenshot(page, ARTIFACTS, state);
    expect({ state, violations: await seriousAccessibilityViolations(page) }).toEqual({
      state,
      violations: [],
    });
  }

  async function act(c: Filed, action: string, body: Record<string, unknown> = {}) {
    const response = await fixture.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/${action}`,
      headers: { authorization: await fixture.authorization('zdm') },
      payload: body,
    });
    expect({ action, status: response.statusCode }).toEqual({ action, status: 200 });
  }

  const statusOf = (page: Page) => page.getByTestId('case-status').getAttribute('data-status');

  async function reloadUntilStatus(page: Page, status: string) {
    await eventually(
      async () => {
        await page.reload();
        await page.getByTestId('case-status').waitFor();
        return (await statusOf(page)) === status;
      },
      { what: `the page to show ${status}`, intervalMs: 500 },
    );
  }

  it('finds the case by number and token, answers the unit, rates the resolution and reopens it', async () => {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        description: 'Głęboka dziura w jezdni przy przejściu dla pieszych',
        district: 'Śródmieście',
        location: { lat: 52.2297, lon: 21.0122, street: 'Marszałkowska', building: '10' },
        contact: { email },
        language: 'pl',
      },
    });
    expect(response.statusCode).toBe(201);
    const answer = response.json<Omit<Filed, 'id'>>();
    const filed: Filed = { ...answer, id: await caseIdOfNumber(fixture.orm, answer.number) };
    const slug = caseNumberToSlug(filed.number);
    await eventually(
      async () => {
        const [row] = await fixture.orm.em
          .fork()
          .getConnection()
          .execute<{ status: string }[]>('select status from cases where id = ?', [filed.id]);
        return row.status === 'FORWARDED';
      },
      { what: 'routing to ZDM' },
    );

    // The tracking form takes the number with a slash and explains where the token is.
    const page = await open();
    await page.goto(`${baseUrl}/portal/track`);
    await page.getByRole('heading', { level: 1, name: 'Sprawdź sprawę' }).waitFor();
    await page.getByText('e-mailu z potwierdzeniem').waitFor();
    await expectAccessible(page, '1-track-form');
    await page.getByLabel('Numer sprawy').fill(filed.number);
    await page.getByLabel('Kod do śledzenia').fill(filed.trackingToken);
    await page.getByRole('button', { name: 'Pokaż sprawę' }).click();
    await page.getByRole('heading', { level: 1, name: `Sprawa ${filed.number}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portal/track/${slug}`);

    // The acknowledgement asks to confirm the address first (issue 14: anyone can type anyone's
    // address), so it carries no tracking link; once confirmed, its page links the same case page.
    const ack = await smtp.waitFor(
      (mail) => JSON.stringify(mail.to).includes(email) && (mail.subject ?? '').includes(filed.number),
      20_000,
    );
    expect(ack.text ?? '').not.toContain('/portal/track/');
    const confirmation = /https?:\/\/\S+\/case-contacts\/confirm\?token=\S+/.exec(ack.text ?? '')?.[0];
    expect(confirmation).toBeDefined();
    await page.goto(confirmation!);
    await page.getByRole('button', { name: 'Tak, potwierdzam' }).click();
    const tracking = page.getByRole('link', { name: filed.number });
    expect(await tracking.getAttribute('href')).toBe(`/portal/track/${slug}?token=${filed.trackingToken}`);
    await tracking.click();
    await page.getByRole('heading', { level: 1, name: `Sprawa ${filed.number}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portal/track/${slug}`);
    const link = `${baseUrl}/portal/track/${slug}?token=${filed.trackingToken}`;
    expect(await statusOf(page)).toBe('FORWARDED');
    await page.getByText('Przekazana do jednostki').waitFor();
    await page.getByTestId('case-unit').filter({ hasText: 'Zarząd Dróg Miejskich' }).waitFor();
    await page.getByTestId('case-place').filter({ hasText: 'Marszałkowska 10' }).waitFor();
    await page.getByTestId('case-coordinates').filter({ hasText: '52.22970, 21.01220' }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain(filed.trackingToken);
    await expectAccessible(page, '2-forwarded');

    // The unit asks; the resident answers on the page.
    await act(filed, 'request-info', { note: 'Jak głęboka jest dziura?' });
    await reloadUntilStatus(page, 'WAITING_FOR_RESIDENT');
    await page.getByTestId('info-request').filter({ hasText: 'Jak głęboka jest dziura?' }).waitFor();
    await expectAccessible(page, '3-waiting-for-resident');
    await page.getByRole('button', { name: 'Wyślij odpowiedź' }).click();
    await page.getByText('Przed wysłaniem wpisz odpowiedź.').waitFor();
    await page.getByLabel('Twoja odpowiedź').fill('Około 10 cm, przy krawężniku');
    await page.getByRole('button', { name: 'Wyślij odpowiedź' }).click();
    await page.getByRole('status').filter({ hasText: 'Twoja odpowiedź została przekazana' }).waitFor();
    await eventually(async () => (await statusOf(page)) === 'FORWARDED', {
      what: 'the reply to resume the case',
    });
    const replies = await fixture.orm.em
      .fork()
      .getConnection()
      .execute<{ note: string }[]>(
        `select note from case_events where case_id = ? and type = 'RESIDENT_MESSAGE'`,
        [filed.id],
      );
    expect(replies).toEqual([{ note: 'Około 10 cm, przy krawężniku' }]);
    await page.getByTestId('case-history').getByText('Około 10 cm, przy krawężniku').waitFor();

    // The unit resolves; the resident rates 4 with the keyboard and a comment.
    await act(filed, 'resolve', { note: 'Ubytek uzupełniony' });
    await reloadUntilStatus(page, 'RESOLVED');
    await page.getByRole('group', { name: 'Twoja ocena' }).waitFor();
    await expectAccessible(page, '4-resolved');
    await page.getByRole('radio', { name: '1 – bardzo źle' }).focus();
    for (let step = 0; step < 3; step += 1) await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '4 – dobrze' }).isChecked()).toBe(true);
    await page.getByLabel(/Komentarz/).fill('Szybko, ale łata jest nierówna');
    await page.getByRole('button', { name: 'Wyślij ocenę' }).click();
    await page.getByTestId('stored-rating').filter({ hasText: 'Twoja ocena: 4 na 5' }).waitFor();
    await page.getByTestId('stored-rating').getByText('Szybko, ale łata jest nierówna').waitFor();
    const ratings = await fixture.orm.em
      .fork()
      .getConnection()
      .execute<{ score: number; comment: string; unit_code: string }[]>(
        'select score, comment, unit_code from case_ratings where case_id = ?',
        [filed.id],
      );
    expect(ratings).toEqual([{ score: 4, comment: 'Szybko, ale łata jest nierówna', unit_code: 'ZDM' }]);
    await expectAccessible(page, '5-rated');

    // The problem is back within the window: the resident reopens the case.
    await page.getByLabel('Co nadal jest nie tak?').fill('Łata się zapadła po deszczu');
    await page.getByRole('button', { name: 'Otwórz sprawę ponownie' }).click();
    await page.getByRole('status').filter({ hasText: 'Sprawa została ponownie otwarta' }).waitFor();
    // The confirmation shows before the page has fetched the case again: wait for its new status.
    await page.locator('[data-testid="case-status"][data-status="FORWARDED"]').waitFor();
    expect(await statusOf(page)).toBe('FORWARDED');
    await page.getByTestId('case-history').locator('[data-event="REOPENED"]').waitFor();
    await expect(page.getByRole('group', { name: 'Twoja ocena' }).count()).resolves.toBe(0);
    await expectAccessible(page, '6-reopened');

    // Once on a phone: the form and the case page.
    const phone = await open({ mobile: true });
    await phone.goto(`${baseUrl}/portal/track`);
    await phone.getByRole('heading', { level: 1, name: 'Sprawdź sprawę' }).waitFor();
    await expectAccessible(phone, '7-phone-track-form');
    await phone.goto(link!);
    await phone.getByRole('heading', { level: 1, name: `Sprawa ${filed.number}` }).waitFor();
    await phone.getByTestId('case-history').waitFor();
    await expectAccessible(phone, '8-phone-case');

    expect(problems).toEqual([]);
  }, 240_000);
});
