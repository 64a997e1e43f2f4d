import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureAdminBuilt } from '../../scripts/services/frontend-build';
import {
  launchChromium,
  listenForBrowser,
  seriousAccessibilityViolations,
  signInToBackOffice,
  UNREACHABLE_TILE_URL,
  isUnreachableTile,
} from '../support/browser';
import { eventually, startTestApp, type TestApp } from '../support/integration';

const ARTIFACTS = path.join(__dirname, '..', 'artifacts', 'back-office-workday');

/** A cell that shows a stored code (STREETLIGHT_DAY, ZDM, LM) where a person should read a name. */
const CODE = /^[A-Z][A-Z0-9_-]+$/;

/**
 * The back office as a clerk and an administrator use it all day (issue 17): names instead of
 * codes on every list and the case page. Screenshots go to tests/artifacts/back-office-workday/.
 */
describe('the back office through a working day', () => {
  let fixture: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const problems: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ensureAdminBuilt(() => {});
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      config: { MAP_TILE_URL: UNREACHABLE_TILE_URL },
    });
    baseUrl = await listenForBrowser(fixture.app);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  const signIn = (username: string, viewport?: { width: number; height: number }): Promise<Page> =>
    signInToBackOffice(browser, {
      baseUrl,
      username,
      password: fixture.config.demo.password,
      problems,
      ignore: isUnreachableTile,
      artifacts: ARTIFACTS,
      viewport,
    });

  /** A phone call about an event; the workflow routes it to the event's unit. */
  async function recordCall(
    eventCode = 'STREETLIGHT_DAY',
    unitCode = 'ZDM',
  ): Promise<{ id: string; number: string }> {
    const recorded = await fixture.app.inject({
      method: 'POST',
      url: '/api/calls',
      headers: { authorization: await fixture.authorization('clerk') },
      payload: {
        kind: 'INCIDENT',
        eventCode,
        durationSeconds: 90,
        location: { street: 'Wolska', building: '44', district: 'Wola' },
        description: 'Latarnia świeci przez cały dzień\nprzy przystanku Wolska, od tygodnia',
      },
    });
    expect(recorded.statusCode).toBe(201);
    const call = recorded.json<{ id: string; number: string }>();
    await eventually(async () => {
      const [row] = await fixture.orm.em
        .fork()
        .execute<{ unit_code: string | null }[]>('select unit_code from cases where id = ?', [call.id]);
      return row.unit_code === unitCode;
    });
    return call;
  }

  /** Cases handed to each unit lately, counted as the forward dialog counts them. */
  async function forwardsByUnit(): Promise<Map<string, number>> {
    const rows = await fixture.orm.em.fork().execute<{ unit_code: string; forwards: number }[]>(
      `select payload->>'unitCode' as unit_code, count(*)::int as forwards
         from case_events
        where type in ('ROUTED', 'FORWARDED') and created_at > now() - interval '90 days'
        group by 1`,
    );
    return new Map(rows.map((row) => [row.unit_code, row.forwards]));
  }

  /** The texts of a page's table cells. */
  const cells = (page: Page) => page.locator('tbody td').allInnerTexts();

  /**
   * The part a test changed is checked (the case's facts, a table, a dialog): react-admin's app bar
   * and list toolbars have violations of their own (the user menu's name, the contrast of the
   * toolbar's small buttons), outside what these tests change.
   */
  async function expectAccessible(page: Page, step: string, within = '#main-content'): Promise<void> {
    expect({ step, violations: await seriousAccessibilityViolations(page, within) }).toEqual({
      step,
      violations: [],
    });
  }

  it('names, not codes: the calls list, the case page and its timeline, routing rules, SLA policies', async () => {
    const call = await recordCall();
    const admin = await signIn('admin');

    await admin.goto(`${baseUrl}/admin/#/calls`);
    const callRow = admin.locator('tbody tr', { hasText: call.number });
    await callRow.getByText('Latarnia świeci w dzień').waitFor();
    await callRow.getByText('Zarząd Dróg Miejskich').waitFor();
    expect((await callRow.locator('td').allInnerTexts()).filter((text) => CODE.test(text.trim()))).toEqual(
      [],
    );
    await admin.screenshot({ path: path.join(ARTIFACTS, '1-calls-list.png') });

    await admin.goto(`${baseUrl}/admin/#/cases/${call.id}/show`);
    await admin.getByText(call.number).first().waitFor();
    await admin.getByText('Zarząd Dróg Miejskich').first().waitFor();
    await admin.getByText('Niski', { exact: true }).waitFor();
    await admin.getByText('Oświetlenie › Latarnia świeci w dzień').waitFor();
    await admin.screenshot({ path: path.join(ARTIFACTS, '1-case-details.png') });
    await expectAccessible(admin, 'case details');

    await admin.getByRole('tab', { name: /Historia/ }).click();
    await admin.getByText('Przyjęcie zgłoszenia').waitFor();
    await admin
      .getByText(/^Skierowanie do jednostki/)
      .first()
      .waitFor();
    // The call was recorded by the clerk: `user:clerk` reads as the username.
    await admin
      .getByText(/ · clerk$/)
      .first()
      .waitFor();
    const timeline = await admin.locator('main').innerText();
    for (const code of ['CREATED', 'ROUTED', 'FORWARDED', 'channel:', 'user:']) {
      expect({ code, shown: timeline.includes(code) }).toEqual({ code, shown: false });
    }
    await admin.screenshot({ path: path.join(ARTIFACTS, '1-case-timeline.png') });

    await admin.goto(`${baseUrl}/admin/#/routing-rules`);
    await admin.locator('tbody tr').first().waitFor();
    await admin.getByText('Zarząd Dróg Miejskich').first().waitFor();
    expect((await cells(admin)).filter((text) => CODE.test(text.trim()))).toEqual([]);
    await admin.screenshot({ path: path.join(ARTIFACTS, '1-routing-rules.png') });

    await admin.goto(`${baseUrl}/admin/#/sla-policies`);
    await admin.locator('tbody tr').first().waitFor();
    await admin
      .getByText(/dni roboczych \(\d+ h\)/)
      .first()
      .waitFor();
    await admin
      .getByText(/Domyślna dla priorytetu Zwykły/)
      .first()
      .waitFor();
    const policies = await cells(admin);
    expect(policies.filter((text) => /^\d{3,}$/.test(text.trim()))).toEqual([]);
    expect(policies.filter((text) => /^Default \(|Street light|Pothole/.test(text))).toEqual([]);
    expect(policies.filter((text) => CODE.test(text.trim()))).toEqual([]);
    await admin.screenshot({ path: path.join(ARTIFACTS, '1-sla-policies.png') });
    await expectAccessible(admin, 'SLA policies', '#main-content table');
    expect(problems).toEqual([]);
  }, 180_000);

  it('the forward dialog lists every unit but the holder: the suggested one first and chosen, the most used next', async () => {
    await recordCall('STREETLIGHT_DAY', 'ZDM');
    await recordCall('FALLEN_TREE', 'ZZW');
    await recordCall('MOWING', 'ZZW');
    // Other files in this jest worker share the database and file cases too (Straż Miejska took
    // the lead once): ZDM and ZZW get calls until they lead every other unit, so "most used" is
    // decided by what this test did, not by which files ran before it.
    for (const [eventCode, unitCode] of [
      ['STREETLIGHT_DAY', 'ZDM'],
      ['MOWING', 'ZZW'],
    ] as const) {
      for (;;) {
        const counts = await forwardsByUnit();
        const rivals = [...counts].filter(([code]) => !['ZDM', 'ZZW', 'LM'].includes(code));
        const lead = Math.max(0, ...rivals.map(([, forwards]) => forwards));
        if ((counts.get(unitCode) ?? 0) > lead) break;
        await recordCall(eventCode, unitCode);
      }
    }
    const forest = await recordCall('FOREST', 'LM');
    const targets = async (caseId: string) => {
      const response = await fixture.app.inject({
        url: `/api/cases/${caseId}/forward-targets`,
        headers: { authorization: await fixture.authorization('clerk') },
      });
      expect(response.statusCode).toBe(200);
      return response.json<{ code: string; suggested: boolean }[]>();
    };
    // With Lasy Miejskie, the case is not forwarded to Lasy Miejskie: neither listed nor suggested.
    const held = await targets(forest.id);
    expect(held.map((target) => target.code)).not.toContain('LM');
    expect(held.filter((target) => target.suggested)).toEqual([]);
    // Returned to the contact center, the rules' unit is suggested again for the clerk to confirm.
    const returned = await fixture.app.inject({
      method: 'POST',
      url: `/api/cases/${forest.id}/actions/return`,
      headers: { authorization: await fixture.authorization('lm') },
      payload: { note: 'To teren prywatny, nie las miejski' },
    });
    expect(returned.statusCode).toBe(200);
    await eventually(async () => (await targets(forest.id)).some((target) => target.suggested));
    const [{ active }] = await fixture.orm.em
      .fork()
      .execute<{ active: number }[]>('select count(*)::int as active from units where active');
    expect(active).toBeGreaterThan(25);

    const clerk = await signIn('clerk');
    await clerk.goto(`${baseUrl}/admin/#/cases/${forest.id}/show`);
    await clerk.locator('button[data-action="forward"]').click();
    const dialog = clerk.getByRole('dialog');
    const unit = dialog.getByLabel(/Jednostka/);
    // The routing rules' unit is chosen already: forwarding it is one click.
    await eventually(async () => (await unit.inputValue()) === 'Lasy Miejskie - Warszawa');
    await unit.fill('');
    const options = clerk.getByRole('option');
    await options.first().waitFor();
    const names = await options.allInnerTexts();
    expect(names).toHaveLength(active);
    expect(names[0]).toBe('Lasy Miejskie - Warszawa');
    expect(names.slice(1, 3).sort()).toEqual(['Zarząd Dróg Miejskich', 'Zarząd Zieleni m.st. Warszawy']);
    await clerk.getByText('Najczęściej wybierane').waitFor();
    await clerk.screenshot({ path: path.join(ARTIFACTS, '2-forward-dialog.png') });
    await expectAccessible(clerk, 'forward dialog', '[role="dialog"]');
    expect(problems).toEqual([]);
  }, 180_000);
});
