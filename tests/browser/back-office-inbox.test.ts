import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { ensureAdminBuilt } from '../../scripts/services/frontend-build';
import {
  launchChromium,
  listenForBrowser,
  seriousAccessibilityViolations,
  signInToBackOffice,
} from '../support/browser';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';

const ARTIFACTS = path.join(__dirname, '..', 'artifacts', 'back-office-inbox');
const VIEWPORT = { width: 1366, height: 768 };

interface Filed {
  id: string;
  number: string;
  /** Hours from now to the resolution deadline (negative: overdue). */
  dueInHours: number;
}

/**
 * The clerk's inbox on a 1366x768 screen (issue 17): the description's first line and the time
 * left to the deadline on every row, sorting by that deadline, at least 15 cases without
 * scrolling once the filter sidebar is folded away, and the keyboard (`/`, `j`, `k`, `Enter`, `f`).
 * Screenshots go to tests/artifacts/back-office-inbox/.
 */
describe('the clerk inbox on a laptop screen', () => {
  let fixture: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const problems: string[] = [];
  /** A word only this file's cases contain: the inbox is searched for it. */
  const marker = `zzq${randomBytes(4).toString('hex')}`;
  const filed: Filed[] = [];
  const CASES = 18;

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

  /** A case nobody can classify by itself, so it waits in the clerks' triage. */
  async function file(index: number): Promise<{ id: string; number: string }> {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        description: `Coś dziwnego się dzieje przy bloku ${marker} ${index}\nProszę sprawdzić, lista tego nie pokazuje`,
        district: 'Wola',
      },
    });
    expect(response.statusCode).toBe(201);
    const { number } = response.json<{ number: string }>();
    return { number, id: await caseIdOfNumber(fixture.orm, number) };
  }

  const rows = (page: Page) => page.locator('#main-content tbody tr');

  async function rowNumbers(page: Page): Promise<string[]> {
    return rows(page).evaluateAll((trs) =>
      trs.map((tr) => (tr as unknown as { cells: { innerText: string }[] }).cells[1].innerText.trim()),
    );
  }

  const blur = (page: Page) => page.evaluate('document.activeElement && document.activeElement.blur()');

  it('shows the first line and the time left, sorts by deadline, fits 15 rows and works from the keyboard', async () => {
    for (let index = 0; index < CASES; index += 1) {
      // Deadlines spread from 10 hours overdue to 41 hours ahead, filed in another order.
      const dueInHours = ((index * 7) % CASES) * 3 - 10;
      filed.push({ ...(await file(index)), dueInHours });
    }
    const db = fixture.orm.em.fork();
    const statuses = () =>
      db.execute<{ status: string }[]>(
        `select status from cases where id in (${filed.map(() => '?').join(', ')})`,
        filed.map((c) => c.id),
      );
    await eventually(async () => (await statuses()).every((row) => row.status !== 'NEW'), {
      timeoutMs: 90_000,
      what: 'the workflows to take the cases',
    });
    expect((await statuses()).map((row) => row.status)).toEqual(filed.map(() => 'TRIAGE'));
    // The deadlines and SLA states the test reads back: set on the list's projection directly,
    // since a triage case's workflow keeps no resolution clock of its own.
    for (const c of filed) {
      const state = c.dueInHours < 0 ? 'BREACHED' : c.dueInHours < 3 ? 'AT_RISK' : 'ON_TRACK';
      await db.execute(
        `update cases set resolution_due_at = now() + make_interval(hours => ?), sla_state = ? where id = ?`,
        [c.dueInHours, state, c.id],
      );
    }

    const clerk = await signInToBackOffice(browser, {
      baseUrl,
      username: 'clerk',
      password: fixture.config.demo.password,
      problems,
      artifacts: ARTIFACTS,
      viewport: VIEWPORT,
    });
    await clerk.getByTestId('inbox-shortcuts').waitFor();
    // The sidebar folds away, and stays folded after a reload.
    await clerk.locator('[data-quick-filter="breached"]').waitFor();
    await clerk.getByTestId('toggle-filter-sidebar').click();
    await clerk.locator('[data-quick-filter="breached"]').waitFor({ state: 'detached' });
    await clerk.reload();
    await clerk.getByTestId('inbox-shortcuts').waitFor();
    await rows(clerk).first().waitFor();
    expect(await clerk.locator('[data-quick-filter]').count()).toBe(0);

    // `/` focuses the search box (and is not typed into it).
    await blur(clerk);
    await clerk.keyboard.press('/');
    expect(await clerk.evaluate('document.activeElement && document.activeElement.name')).toBe('q');
    await clerk.keyboard.type(marker);
    await eventually(async () => (await rows(clerk).count()) === CASES, {
      timeoutMs: 15_000,
      what: 'the search to list the test cases',
    });
    expect(await clerk.locator('input[name="q"]').inputValue()).toBe(marker);

    // The description's first line, whole text on hover; the time left as text.
    const first = filed[0];
    const firstRow = rows(clerk).filter({ hasText: first.number });
    const line = firstRow.locator('[data-description-line]');
    expect((await line.innerText()).trim()).toBe(`Coś dziwnego się dzieje przy bloku ${marker} 0`);
    expect(await line.getAttribute('title')).toContain('lista tego nie pokazuje');
    const overdue = filed.find((c) => c.dueInHours < -1)!;
    const ahead = filed.find((c) => c.dueInHours > 5)!;
    expect(
      await rows(clerk).filter({ hasText: overdue.number }).locator('[data-time-left]').innerText(),
    ).toMatch(/^po terminie o \d+ h \d+ min$/);
    expect(
      await rows(clerk)
        .filter({ hasText: ahead.number })
        .locator('[data-time-left]')
        .getAttribute('data-time-left'),
    ).toBe('ON_TRACK');
    expect(
      await rows(clerk).filter({ hasText: ahead.number }).locator('[data-time-left]').innerText(),
    ).toMatch(/^zostało (\d+ d )?\d+ h/);

    // Sorting by the time left orders the cases by their deadline, the most overdue first.
    await clerk.getByRole('button', { name: 'Pozostały czas' }).click();
    const byDeadline = [...filed].sort((a, b) => a.dueInHours - b.dueInHours).map((c) => c.number);
    await eventually(async () => JSON.stringify(await rowNumbers(clerk)) === JSON.stringify(byDeadline), {
      timeoutMs: 15_000,
      what: 'the list sorted by deadline',
    });

    // At least 15 rows in the viewport without scrolling.
    await clerk.evaluate('window.scrollTo(0, 0)');
    const visible = await rows(clerk).evaluateAll(
      (trs, height) =>
        trs.filter((tr) => {
          const box = (
            tr as unknown as { getBoundingClientRect(): { top: number; bottom: number } }
          ).getBoundingClientRect();
          return box.top >= 0 && box.bottom <= height;
        }).length,
      VIEWPORT.height,
    );
    expect(visible).toBeGreaterThanOrEqual(15);
    // Every column fits the width next to the menu: the time left is not cut off on the right.
    const timeLeftHeader = await clerk.getByRole('button', { name: 'Pozostały czas' }).boundingBox();
    expect(timeLeftHeader!.x + timeLeftHeader!.width).toBeLessThanOrEqual(VIEWPORT.width);
    await clerk.screenshot({ path: path.join(ARTIFACTS, '1-inbox-sorted-by-time-left.png') });
    expect(await seriousAccessibilityViolations(clerk, '#main-content table')).toEqual([]);

    // j j j k: the second row is highlighted; Enter opens it.
    await blur(clerk);
    for (const key of ['j', 'j', 'j', 'k']) await clerk.keyboard.press(key);
    await expectHighlighted(clerk, 1);
    await clerk.screenshot({ path: path.join(ARTIFACTS, '2-inbox-highlight.png') });
    expect(await seriousAccessibilityViolations(clerk, '#main-content table')).toEqual([]);
    const second = filed.find((c) => c.number === byDeadline[1])!;
    await clerk.keyboard.press('Enter');
    await clerk.waitForURL((url) => url.hash === `#/cases/${second.id}/show`);
    await clerk.getByText(second.number).first().waitFor();

    // Back in the inbox, `f` on the first row opens that case with its forward dialog.
    await clerk.goBack();
    await rows(clerk).first().waitFor();
    await eventually(async () => (await rowNumbers(clerk))[0] === byDeadline[0]);
    await blur(clerk);
    await clerk.keyboard.press('j');
    await expectHighlighted(clerk, 0);
    await clerk.keyboard.press('f');
    const most = filed.find((c) => c.number === byDeadline[0])!;
    await clerk.waitForURL((url) => url.hash.startsWith(`#/cases/${most.id}/show`));
    const dialog = clerk.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Przekaż do jednostki' }).waitFor();
    await dialog.getByLabel(/Jednostka/).waitFor();
    await clerk.screenshot({ path: path.join(ARTIFACTS, '3-forward-from-keyboard.png') });
    expect(problems).toEqual([]);
  }, 240_000);

  async function expectHighlighted(page: Page, index: number): Promise<void> {
    await eventually(
      async () => {
        const marked = await rows(page).evaluateAll((trs) =>
          trs.map((tr) =>
            (tr as unknown as { getAttribute(name: string): string | null }).getAttribute('data-highlighted'),
          ),
        );
        return marked.indexOf('true') === index && marked.filter((m) => m === 'true').length === 1;
      },
      { timeoutMs: 5_000, what: `row ${index} highlighted` },
    );
  }
});
