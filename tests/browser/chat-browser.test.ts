import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureAdminBuilt } from '../../scripts/services/frontend-build';
import {
  launchChromium,
  listenForBrowser,
  newPage,
  signInToBackOffice,
  watchProblems,
} from '../support/browser';
import { eventually, startTestApp, type TestApp } from '../support/integration';

const ARTIFACTS = path.join(__dirname, '..', 'artifacts', 'chat');

/**
 * The live chat in Debian's Chromium: a resident writes in the widget the API serves, a clerk
 * takes the chat in the back office's live queue and answers, the resident sees the answer, the
 * clerk turns the chat into a case, and the case's timeline shows the transcript. Both pages run
 * under the API's CSP: a blocked script or socket fails the test. Screenshots go to
 * tests/artifacts/chat/ (not committed).
 */
describe('the live chat in a browser', () => {
  let fixture: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const problems: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ensureAdminBuilt(() => {});
    fixture = await startTestApp({ worker: true, demoUsers: true });
    baseUrl = await listenForBrowser(fixture.app);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  async function openPage(who: string): Promise<Page> {
    const { page } = await newPage(browser);
    watchProblems(page, problems, who);
    return page;
  }

  const signIn = (username: string): Promise<Page> =>
    signInToBackOffice(browser, {
      baseUrl,
      username,
      password: fixture.config.demo.password,
      problems,
      landing: '#react-admin-title',
    });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

  it('a resident chats, a clerk answers in the back office and turns the chat into a case with its transcript', async () => {
    const clerk = await signIn('clerk');
    await clerk.goto(`${baseUrl}/admin/#/chats`);
    // The live chip: the clerk's socket is signed in, so the clerk counts as online.
    await clerk.getByText('Na żywo').waitFor();

    const resident = await openPage('resident');
    await resident.goto(`${baseUrl}/chat`);
    await resident.getByText('Konsultanci są dostępni.').waitFor();
    await resident.getByLabel('Imię (nieobowiązkowe)').fill('Jan Kowalski');
    // The leave-a-message form further down has an e-mail field of its own.
    await resident.locator('#start-email').fill('jan.kowalski@example.org');
    await resident
      .getByLabel('W czym możemy pomóc?')
      .fill('Na Kasprzaka przy przystanku jest głęboka dziura w jezdni.');
    await resident.getByRole('button', { name: 'Rozpocznij czat' }).click();
    await resident.getByRole('status').getByText('Czekasz na konsultanta…').waitFor();
    const log = resident.getByRole('log');
    await log.getByText('Na Kasprzaka przy przystanku jest głęboka dziura w jezdni.').waitFor();
    await shot(resident, '1-resident-waiting.png');

    // The chat appears in the clerk's queue without a reload.
    const row = clerk.locator('tr', { hasText: 'Jan Kowalski' });
    await row.waitFor();
    await shot(clerk, '2-clerk-queue.png');
    await row.locator('button[data-action="take"]').click();
    const transcript = clerk.getByTestId('chat-transcript');
    await transcript.getByText('Na Kasprzaka przy przystanku jest głęboka dziura w jezdni.').waitFor();
    await clerk.getByTestId('chat-resident').getByText('jan.kowalski@example.org').waitFor();

    const reply = clerk.getByTestId('chat-reply');
    await reply.fill('Dzień dobry, przyjmę zgłoszenie i przekażę je do Zarządu Dróg Miejskich.');
    await reply.press('Enter');
    await log.getByText('Dzień dobry, przyjmę zgłoszenie i przekażę je do Zarządu Dróg Miejskich.').waitFor();
    await resident.getByRole('status').getByText('Rozmawiasz z: Contact center clerk (demo)').waitFor();

    // The connections drop (a proxy restarts): both pages reconnect by themselves, and what the
    // resident writes meanwhile waits in the widget's outbox and is stored once.
    for (const client of fixture.app.websocketServer.clients) client.terminate();
    const answer = resident.getByLabel('Twoja wiadomość');
    await answer.fill('Dziękuję bardzo!');
    await answer.press('Enter');
    await transcript.getByText('Dziękuję bardzo!').waitFor();
    await resident.reload();
    await log.getByText('Dzień dobry, przyjmę zgłoszenie i przekażę je do Zarządu Dróg Miejskich.').waitFor();
    await log.getByText('Dziękuję bardzo!').waitFor();
    const thanks = await fixture.orm.em
      .fork()
      .execute<{ n: number }[]>(
        `select count(*)::int as n from chat_messages where text = 'Dziękuję bardzo!'`,
      );
    expect(thanks[0].n).toBe(1);
    await expect(log.getByText('Dziękuję bardzo!').count()).resolves.toBe(1);
    await shot(resident, '3-resident-answered.png');
    await shot(clerk, '4-clerk-conversation.png');

    await clerk.locator('button[data-action="create-case"]').click();
    const dialog = clerk.getByRole('dialog');
    await dialog.getByLabel('Rodzaj').click();
    await clerk.getByRole('option', { name: 'Awaria / interwencja' }).click();
    await dialog.getByLabel('Zdarzenie').click();
    await dialog.getByLabel('Zdarzenie').fill('Dziura');
    await clerk
      .getByRole('option', { name: /Dziura w jezdni/ })
      .first()
      .click();
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    const caseLink = clerk.getByTestId('chat-case-link');
    await caseLink.waitFor();
    const caseNumber = /\d{6}\/\d{2}/.exec((await caseLink.textContent()) ?? '')?.[0];
    expect(caseNumber).toBeDefined();
    await shot(clerk, '5-clerk-case-created.png');

    await resident.getByText(`Twoja sprawa ma numer ${caseNumber}.`).waitFor();
    await shot(resident, '6-resident-case-number.png');

    await caseLink.click();
    // The timeline names the event (it showed the code CHAT_TRANSCRIPT before issue 17's names for codes).
    await clerk.getByText('Zapis czatu').first().waitFor();
    await clerk.getByText(/Jan Kowalski \(mieszkaniec\): Na Kasprzaka przy przystanku/).waitFor();
    await shot(clerk, '7-case-transcript.png');

    const [stored] = await fixture.orm.em
      .fork()
      .execute<{ channel: string; kind: string; event_code: string; contact_email: string }[]>(
        'select channel, kind, event_code, contact_email from cases where number = ?',
        [caseNumber],
      );
    expect(stored).toEqual({
      channel: 'CHAT',
      kind: 'INCIDENT',
      event_code: 'POTHOLE',
      contact_email: 'jan.kowalski@example.org',
    });
    expect(problems).toEqual([]);
    await clerk.context().close();
    await resident.context().close();
  });

  it('with no clerk online, a resident of the English widget leaves a message and gets a case number', async () => {
    // The clerk of the first test has gone: the widget offers to leave a message.
    await eventually(async () => {
      const availability = await fixture.app.inject('/api/v1/chat/availability');
      return availability.json<{ clerksOnline: boolean }>().clerksOnline === false;
    });
    const resident = await openPage('resident (en)');
    await resident.goto(`${baseUrl}/chat?lang=en`);
    await resident.getByText('No clerk is available right now.', { exact: false }).first().waitFor();
    await resident
      .getByLabel('How can we help?')
      .fill('The bin at Plac Zbawiciela has not been emptied for days.');
    await resident.getByRole('button', { name: 'Start chat' }).click();
    await resident
      .getByRole('log')
      .getByText('The bin at Plac Zbawiciela has not been emptied for days.')
      .waitFor();
    await resident.getByRole('button', { name: 'Leave a message' }).click();
    await resident.locator('#leave-email').fill('resident@example.org');
    await resident.getByLabel('Anything else? (optional)').fill('I live nearby and pass it every morning.');
    await resident.getByRole('button', { name: 'Send as a case' }).click();
    const confirmation = resident.getByText(/Your message was taken as case \d{6}\/\d{2}\./);
    await confirmation.waitFor();
    await shot(resident, '8-resident-left-message.png');

    const number = /\d{6}\/\d{2}/.exec((await confirmation.textContent()) ?? '')![0];
    const [stored] = await fixture.orm.em
      .fork()
      .execute<{ channel: string; description: string; contact_email: string; language: string }[]>(
        'select channel, description, contact_email, language from cases where number = ?',
        [number],
      );
    expect(stored).toEqual({
      channel: 'CHAT',
      description:
        'The bin at Plac Zbawiciela has not been emptied for days.\nI live nearby and pass it every morning.',
      contact_email: 'resident@example.org',
      language: 'en',
    });
    expect(problems).toEqual([]);
  });
});
