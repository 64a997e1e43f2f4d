import { randomBytes } from 'node:crypto';
import { quickFilters } from '../../admin/src/cases/quickFilters';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';
import { startSmtpListener, type SmtpListener } from '../support/smtp-listener';

interface Filed {
  id: string;
  number: string;
}

interface ListedCase {
  id: string;
  status: string;
  slaState: string | null;
}

/**
 * The inbox's "past SLA" quick filter on cases that really breached their SLA in the workflow (a
 * policy of seconds): only the open ones are past SLA. A case cancelled, merged or resolved and
 * closed after its breach keeps BREACHED as its SLA outcome, but nobody has to act on it any more.
 */
describe('the past-SLA quick filter', () => {
  let smtp: SmtpListener;
  let fixture: TestApp;
  /** A word only this file's cases contain: every list below searches for it too. */
  const marker = `pastsla${randomBytes(5).toString('hex')}`;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    fixture = await startTestApp({
      worker: true,
      demoUsers: true,
      // A resolved case closes three seconds after its resolution.
      config: { SMTP_URL: smtp.url, CASE_REOPEN_WINDOW_MINUTES: '0.05' },
    });
    const db = fixture.orm.em.fork();
    // Breached three seconds after filing (further escalations at 150% and 200%).
    await db.execute(`insert into taxonomy_events (code, subcategory, name, name_en, default_unit, priority, resolution_hours)
      values ('PASTSLA', 'ORDER', 'Próba terminu', 'Deadline probe', 'SM', 'normal', 1) on conflict do nothing`);
    await db.execute(
      `insert into routing_rules (event_code, unit_code) values ('PASTSLA', 'SM') on conflict do nothing`,
    );
    await db.execute(`insert into sla_policies (name, event_code, first_response_minutes, resolution_minutes, calendar,
      warn_at_percent, escalation_percents) values ('Past SLA probe', 'PASTSLA', 0.02, 0.05, 'ALWAYS', 75, '[100, 150, 200]')`);
  });

  afterAll(async () => {
    await fixture?.close();
    await smtp?.close();
  });

  async function file(name: string, eventCode: string, district = 'Wola'): Promise<Filed> {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { kind: 'INCIDENT', eventCode, description: `Sprawa ${marker} ${name}`, district },
    });
    expect(response.statusCode).toBe(201);
    const { number } = response.json<{ number: string }>();
    return { number, id: await caseIdOfNumber(fixture.orm, number) };
  }

  async function caseOf(filed: Filed): Promise<ListedCase & { escalationLevel: number }> {
    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases/${filed.id}`,
      headers: { authorization: await fixture.authorization('clerk') },
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function act(username: string, filed: Filed, action: string, body: Record<string, unknown> = {}) {
    const response = await fixture.app.inject({
      method: 'POST',
      url: `/api/cases/${filed.id}/actions/${action}`,
      headers: { authorization: await fixture.authorization(username) },
      payload: body,
    });
    expect({ action, status: response.statusCode }).toEqual({ action, status: 200 });
  }

  const reach = (
    filed: Filed,
    what: string,
    test: (c: ListedCase & { escalationLevel: number }) => boolean,
  ) =>
    eventually(async () => test(await caseOf(filed)), { timeoutMs: 40_000, what: `${filed.number} ${what}` });

  async function list(filter: Record<string, unknown>): Promise<ListedCase[]> {
    const query = new URLSearchParams({
      filter: JSON.stringify({ ...filter, q: marker }),
      range: JSON.stringify([0, 99]),
    });
    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases?${query}`,
      headers: { authorization: await fixture.authorization('clerk') },
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  it('lists the open breached case and none of those finished after their breach', async () => {
    const breached = await file('open', 'PASTSLA');
    const cancelled = await file('cancelled', 'PASTSLA');
    const merged = await file('merged', 'PASTSLA');
    const closed = await file('closed', 'PASTSLA');
    // An event with the seeded policy of days: open, and far from its deadline.
    const onTime = await file('on-time', 'GRAFFITI');

    for (const filed of [breached, cancelled, merged, closed]) {
      await reach(filed, 'to breach its SLA', (c) => c.status === 'FORWARDED' && c.slaState === 'BREACHED');
    }
    await reach(onTime, 'to be forwarded', (c) => c.status === 'FORWARDED');

    await act('clerk', cancelled, 'cancel', { note: 'Zgłoszenie omyłkowe' });
    await act('clerk', merged, 'merge', { parentCaseId: breached.id });
    await act('sm', closed, 'resolve', { note: 'Naprawione po terminie' });
    await reach(cancelled, 'to be cancelled', (c) => c.status === 'CANCELLED');
    await reach(merged, 'to be merged', (c) => c.status === 'MERGED');
    await reach(closed, 'to close after the reopen window', (c) => c.status === 'CLOSED');

    const finished = await Promise.all([cancelled, merged, closed].map(caseOf));
    expect(finished.map((c) => [c.status, c.slaState])).toEqual([
      ['CANCELLED', 'BREACHED'],
      ['MERGED', 'BREACHED'],
      ['CLOSED', 'BREACHED'],
    ]);

    const pastSla = quickFilters('CLERK', null).find((quick) => quick.label === 'breached')!.value;
    const listed = await list(pastSla);
    expect(listed.map((c) => c.id)).toEqual([breached.id]);
    expect(listed[0]).toMatchObject({ status: 'FORWARDED', slaState: 'BREACHED' });

    // The unit's own "overdue" quick filter asks the same question of the unit's cases.
    const unitOverdue = quickFilters('UNIT_STAFF', 'SM').find((quick) => quick.label === 'unit_overdue')!;
    expect((await list(unitOverdue.value)).map((c) => c.id)).toEqual([breached.id]);

    // The SLA state alone is the outcome, kept by the finished cases: not what the quick filter asks.
    const byOutcome = await list({ slaState: 'BREACHED' });
    expect(byOutcome.map((c) => c.id).sort()).toEqual(
      [breached.id, cancelled.id, merged.id, closed.id].sort(),
    );
  }, 120_000);
});
