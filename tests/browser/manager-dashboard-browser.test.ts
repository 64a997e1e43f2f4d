import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureAdminBuilt } from '../../scripts/services/frontend-build';
import { launchChromium, listenForBrowser, signInToBackOffice } from '../support/browser';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';

const ARTIFACTS = path.join(__dirname, '..', 'artifacts', 'manager-dashboard');
const UNIT = 'DASH';

/**
 * The manager's dashboard in Debian's Chromium: a case breaches its SLA for real (a policy of three
 * seconds on the ALWAYS calendar, run by the workflow on the Temporal dev server), then the manager
 * signs in and sees the breach counted and the case listed, opens it, and finds the breach in the
 * audit trail. Clerks and unit staff land on their case list instead. Screenshots of each step are
 * saved under tests/artifacts/manager-dashboard/ (not committed).
 */
describe('the manager dashboard in a browser', () => {
  let fixture: TestApp;
  let browser: Browser;
  let baseUrl: string;
  /** Errors in the page: a dashboard that throws or fails a request fails the test with them. */
  const problems: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ensureAdminBuilt(() => {});
    fixture = await startTestApp({ worker: true, demoUsers: true });
    const db = fixture.orm.em.fork();
    await db.execute(
      `insert into units (code, name, name_en) values (?, 'Jednostka pulpitu (test)', 'Dashboard test unit')
       on conflict do nothing`,
      [UNIT],
    );
    // Breach at 3 s (warning at 2.25 s), further escalations at 4.5 s and 6 s.
    await db.execute(
      `insert into taxonomy_events (code, subcategory, name, name_en, default_unit, priority, resolution_hours)
       values ('DASHDRILL', 'ORDER', 'Ćwiczenie pulpitu', 'Dashboard drill', ?, 'normal', 1) on conflict do nothing`,
      [UNIT],
    );
    await db.execute(
      `insert into routing_rules (event_code, unit_code) values ('DASHDRILL', ?) on conflict do nothing`,
      [UNIT],
    );
    await db.execute(`insert into sla_policies (name, event_code, first_response_minutes, resolution_minutes,
      calendar, warn_at_percent, escalation_percents)
      values ('Dashboard drill', 'DASHDRILL', 0.02, 0.05, 'ALWAYS', 75, '[100, 150, 200]')`);
    baseUrl = await listenForBrowser(fixture.app);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  const signIn = (username: string, landing: RegExp): Promise<Page> =>
    signInToBackOffice(browser, {
      baseUrl,
      username,
      password: fixture.config.demo.password,
      problems,
      landing,
    });

  const figure = (page: Page, testId: string) =>
    page.locator(`[data-testid="${testId}"] [data-value]`).first().innerText();

  async function breachesTodayInTheCity(): Promise<number> {
    const [{ n }] = await fixture.orm.em.fork().execute<{ n: string }[]>(
      `select count(*) as n from case_events
        where type = 'SLA_BREACHED'
          and created_at >= (now() at time zone 'Europe/Warsaw')::date::timestamp at time zone 'Europe/Warsaw'`,
    );
    return Number(n);
  }

  it('a manager sees a real SLA breach on the dashboard, opens the case and finds the breach in the audit trail', async () => {
    const answer = (
      await fixture.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          kind: 'INCIDENT',
          eventCode: 'DASHDRILL',
          description: 'Ćwiczenie: sprawa, która przekroczy termin',
          district: 'Wola',
        },
      })
    ).json<{ number: string }>();
    const filed = { ...answer, id: await caseIdOfNumber(fixture.orm, answer.number) };
    await eventually(
      async () => {
        const [row] = await fixture.orm.em
          .fork()
          .execute<{ sla_state: string | null }[]>('select sla_state from cases where id = ?', [filed.id]);
        return row?.sla_state === 'BREACHED';
      },
      { what: `case ${filed.number} to breach its SLA` },
    );

    const manager = await signIn('manager', /Pulpit/);
    await manager
      .locator('[data-testid="breaches-today"] [data-value]')
      .filter({ hasNotText: '–' })
      .waitFor();
    expect(Number(await figure(manager, 'breaches-today'))).toBe(await breachesTodayInTheCity());
    expect(Number(await figure(manager, 'breaches-today'))).toBeGreaterThanOrEqual(1);
    // The intake backlog is the city's: a count (zero unless the workers are behind).
    expect(await figure(manager, 'open-waiting')).toMatch(/^\d+$/);
    await manager.locator('[data-testid="volumes-channel"] .recharts-bar-rectangle').first().waitFor();
    await manager.screenshot({ path: path.join(ARTIFACTS, '1-dashboard-city.png'), fullPage: true });

    await manager.getByRole('combobox', { name: /Jednostka/ }).click();
    await manager.getByRole('option', { name: new RegExp(`^${UNIT} `) }).click();
    const breached = manager.locator('[data-testid="cases-breached"]');
    await breached.getByRole('link', { name: filed.number }).waitFor();
    await eventually(async () => (await figure(manager, 'breaches-today')) === '1', {
      what: "the unit's breach count",
    });
    expect(await figure(manager, 'open-BREACHED')).toBe('1');
    // A case waiting for its first workflow step has no unit yet: no backlog figure for one unit.
    expect(await manager.locator('[data-testid="open-waiting"]').count()).toBe(0);
    await manager.screenshot({ path: path.join(ARTIFACTS, '2-dashboard-unit.png'), fullPage: true });

    await breached.getByRole('link', { name: filed.number }).click();
    await manager.waitForURL(`**/admin/#/cases/${filed.id}/show`);
    await manager.getByText(filed.number).first().waitFor();
    await manager.screenshot({ path: path.join(ARTIFACTS, '3-case.png') });

    await manager.getByRole('menuitem', { name: /Dziennik zdarzeń/ }).click();
    await manager
      .getByRole('heading', { name: /Dziennik zdarzeń/ })
      .first()
      .waitFor();
    await manager.getByRole('combobox', { name: 'Co' }).click();
    await manager.getByRole('option', { name: 'Przekroczony termin SLA' }).click();
    const breach = manager
      .locator('tbody tr', { hasText: filed.number })
      .filter({ hasText: 'Przekroczony termin SLA' });
    await breach.first().waitFor();
    // The list shows only breaches once the filter applies: the escalations of the same case are gone.
    await eventually(
      async () => (await manager.locator('tbody tr', { hasText: 'Eskalacja SLA' }).count()) === 0,
      {
        what: 'the type filter to apply',
      },
    );
    await expect(breach.first().innerText()).resolves.toMatch(/System \(proces sprawy\)/);
    await manager.screenshot({ path: path.join(ARTIFACTS, '4-audit-trail.png') });
    expect(problems).toEqual([]);
  });

  it('clerks and unit staff start on their case list, without the audit trail in the menu', async () => {
    for (const username of ['clerk', 'zdm']) {
      const page = await signIn(username, /Sprawy/);
      expect(page.url()).toMatch(/#\/cases$/);
      await expect(page.getByRole('menuitem', { name: /Dziennik zdarzeń/ }).count()).resolves.toBe(0);
      await page.screenshot({ path: path.join(ARTIFACTS, `5-home-${username}.png`) });
    }
    expect(problems).toEqual([]);
  });
});
