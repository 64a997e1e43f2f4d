import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../api/app';
import type { Orm } from '../../db/orm';
import { seedDemoUsers } from '../../db/seed/seed-demo-data';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { createTemporalClient } from '../../intake/temporal-client';
import { ensureAdminBuilt } from '../../scripts/services/admin-build';
import {
  eventually,
  integrationConfig,
  integrationOrm,
  startTestWorker,
  type RunningWorker,
} from '../support/integration';

const ARTIFACTS = path.join(__dirname, '..', 'artifacts', 'back-office');

/**
 * The back office in Debian's Chromium: a clerk triages a case and forwards it, the unit's staff
 * accept and resolve it, and the resident's tracking shows it resolved. Screenshots of each step
 * are saved under tests/artifacts/ (not committed).
 */
describe('the back office in a browser', () => {
  const config = integrationConfig();
  let orm: Orm;
  let app: FastifyInstance;
  let worker: RunningWorker;
  let browser: Browser;
  let baseUrl: string;
  const temporal = createTemporalClient(config);
  /** Errors in the page: a back office that throws or breaks its CSP fails the test with them. */
  const problems: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ensureAdminBuilt(() => {});
    orm = integrationOrm(config);
    await seedDemoUsers(orm, config.demo.password);
    app = await buildApp(config, { orm, temporal });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    worker = await startTestWorker(config, orm);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await app?.close();
    await temporal.connection.close();
    await orm?.close();
  });

  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'pl-PL' });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${username}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${username}: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${username}: ${response.status()} ${response.url()}`);
    });
    await page.goto(`${baseUrl}/admin/`);
    await page
      .locator('input[name="username"]')
      .waitFor({ timeout: 45_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(ARTIFACTS, `login-${username}.png`) });
        throw new Error(
          `no login form at ${page.url()}: ${problems.join(' | ')}\n${(await page.content()).slice(0, 800)}`,
          { cause: error },
        );
      });
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(config.demo.password);
    await page.locator('button[type="submit"]').click();
    await page
      .getByRole('heading', { name: /Sprawy/ })
      .first()
      .waitFor();
    return page;
  }

  async function act(page: Page, action: string, note?: string, pick?: { label: RegExp; option: RegExp }) {
    await page.locator(`button[data-action="${action}"]`).click();
    const dialog = page.getByRole('dialog');
    if (pick) {
      await dialog.getByLabel(pick.label).click();
      await dialog.getByLabel(pick.label).fill('');
      await page.getByRole('option', { name: pick.option }).first().click();
    }
    if (note) await dialog.locator('textarea[name="note"]').fill(note);
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
  }

  it('a clerk forwards a case from triage, the unit accepts and resolves it, the resident sees it resolved', async () => {
    const filed = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          kind: 'INCIDENT',
          description: 'Coś dziwnego się dzieje przy bloku, proszę sprawdzić',
          district: 'Wola',
        },
      })
    ).json<{ id: string; number: string; trackingToken: string }>();
    await eventually(async () => {
      const [row] = await orm.em
        .fork()
        .execute<{ status: string }[]>('select status from cases where id = ?', [filed.id]);
      return row.status === 'TRIAGE';
    });

    const clerk = await signIn('clerk');
    await clerk.screenshot({ path: path.join(ARTIFACTS, '1-clerk-inbox.png') });
    await clerk.goto(`${baseUrl}/admin/#/cases/${filed.id}/show`);
    await clerk.getByText(filed.number).first().waitFor();
    await act(clerk, 'forward', 'Proszę o interwencję', { label: /Jednostka/, option: /Straż Miejska/ });
    await clerk.getByText('Przekazane').first().waitFor();
    await clerk.screenshot({ path: path.join(ARTIFACTS, '2-clerk-forwarded.png') });

    const unit = await signIn('sm');
    await unit.getByText(filed.number).first().waitFor();
    await unit.screenshot({ path: path.join(ARTIFACTS, '3-unit-queue.png') });
    await unit.getByText(filed.number).first().click();
    await act(unit, 'accept');
    await unit.getByText('W trakcie').first().waitFor();
    await act(unit, 'resolve', 'Patrol sprawdził, wszystko w porządku');
    await unit.getByText('Rozwiązane').first().waitFor();
    await unit.screenshot({ path: path.join(ARTIFACTS, '4-unit-resolved.png') });

    const tracking = await app.inject(
      `/api/v1/cases/${caseNumberToSlug(filed.number)}?token=${filed.trackingToken}`,
    );
    expect(tracking.json()).toMatchObject({ status: 'RESOLVED', unit: { code: 'SM' } });
    expect(problems).toEqual([]);
    expect(tracking.json().history.map((h: { type: string }) => h.type)).toEqual(
      expect.arrayContaining(['FORWARDED', 'ACCEPTED', 'RESOLVED']),
    );
  });
});
