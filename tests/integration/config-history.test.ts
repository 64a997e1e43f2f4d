import { DEFAULT_WEEKDAY_HOURS } from '../../domain/sla/calendar-configuration';
import { startTestApp, type TestApp } from '../support/integration';

type Json = Record<string, unknown>;

interface ConfigChange {
  id: number;
  actorId: string | null;
  actor: string;
  resource: string;
  recordId: string;
  action: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  createdAt: string;
}

/**
 * Administrators and managers read who changed the city's configuration, when and what: routing,
 * office hours and response templates alike, filtered as the back office's history screen asks.
 */
describe('the history of configuration changes', () => {
  let fixture: TestApp;
  // Codes of this run: the database is shared with the other test files of the run.
  const tag = Date.now().toString(36).toUpperCase();
  const templateIds: string[] = [];
  let startedAt: string;
  let ruleId: number;
  let templateId: string;

  beforeAll(async () => {
    fixture = await startTestApp({ demoUsers: true });
    startedAt = new Date().toISOString();
  });
  afterAll(async () => {
    for (const id of templateIds) await call('admin', 'DELETE', `/api/response-templates/${id}`);
    await call('admin', 'PUT', '/api/business-calendar/hours', { hours: DEFAULT_WEEKDAY_HOURS });
    await fixture.close();
  });

  async function call(
    who: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) {
    const headers: Record<string, string> = who ? { authorization: await fixture.authorization(who) } : {};
    return fixture.app.inject({ method, url, headers, payload: payload as Json });
  }

  const history = (filter: Json = {}, extra = '') =>
    `/api/config-changes?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`;

  async function changes(filter: Json, who = 'manager'): Promise<ConfigChange[]> {
    const response = await call(who, 'GET', history(filter));
    expect({ status: response.statusCode, body: response.json<unknown>() }).toMatchObject({ status: 200 });
    return response.json<ConfigChange[]>();
  }

  it('shows a routing rule change with who made it and the field changed', async () => {
    const subcategory = `HIST_${tag}`;
    const event = `HIST_EV_${tag}`;
    expect(
      (
        await call('admin', 'POST', '/api/subcategories', {
          code: subcategory,
          name: 'Historia zmian',
          nameEn: 'Change history',
        })
      ).statusCode,
    ).toBe(201);
    const created = await call('admin', 'POST', '/api/taxonomy-events', {
      code: event,
      subcategory,
      name: 'Zdarzenie historii',
      nameEn: 'History event',
      defaultUnit: 'ZDM',
      priority: 'normal',
      resolutionHours: 48,
    });
    expect(created.statusCode).toBe(201);
    const rules = await call(
      'admin',
      'GET',
      `/api/routing-rules?filter=${encodeURIComponent(JSON.stringify({ eventCode: event }))}`,
    );
    const [rule] = rules.json<{ id: number; unitCode: string }[]>();
    expect(rule).toMatchObject({ unitCode: 'ZDM' });
    ruleId = rule!.id;

    const changed = await call('admin', 'PUT', `/api/routing-rules/${ruleId}`, { unitCode: 'SM' });
    expect(changed.statusCode).toBe(200);

    const [latest] = await changes({ resource: 'routing-rules', recordId: String(ruleId) });
    expect(latest).toMatchObject({
      actor: 'admin',
      actorId: expect.any(String),
      resource: 'routing-rules',
      recordId: String(ruleId),
      action: 'update',
      changes: { unitCode: { from: 'ZDM', to: 'SM' } },
    });
    expect(Object.keys(latest!.changes)).toEqual(['unitCode']);
    expect(Date.parse(latest!.createdAt)).toBeGreaterThanOrEqual(Date.parse(startedAt));
  });

  it('shows a change of the office hours, naming only the weekday bounds that moved', async () => {
    const current = (await call('admin', 'GET', '/api/business-calendar/hours')).json<{
      hours: { weekday: number; opens: string | null; closes: string | null }[];
    }>().hours;
    const monday = current.find((row) => row.weekday === 1)!;
    const opens = monday.opens === '07:15' ? '07:45' : '07:15';
    const response = await call('admin', 'PUT', '/api/business-calendar/hours', {
      hours: current.map((row) =>
        row.weekday === 1 ? { ...row, opens, closes: row.closes ?? '16:00' } : row,
      ),
    });
    expect(response.statusCode).toBe(200);

    const [latest] = await changes({ resource: 'business-hours' }, 'admin');
    expect(latest).toMatchObject({ actor: 'admin', recordId: 'week', action: 'update' });
    expect(latest!.changes['monday.opens']).toEqual({ from: monday.opens, to: opens });
    expect(Object.keys(latest!.changes).every((field) => field.startsWith('monday.'))).toBe(true);

    // Saving the same hours again changes nothing, and records nothing.
    const again = await call('admin', 'PUT', '/api/business-calendar/hours', response.json<Json>());
    expect(again.statusCode).toBe(200);
    const [still] = await changes({ resource: 'business-hours' }, 'admin');
    expect(still!.id).toBe(latest!.id);
  });

  it('shows response template changes by each author, and nothing of a refused one', async () => {
    const created = await call('manager', 'POST', '/api/response-templates', {
      name: `Historia ${tag}`,
      action: 'answer',
      language: 'pl',
      body: 'Dzień dobry, sprawa {{caseNumber}} jest w toku.',
    });
    expect(created.statusCode).toBe(201);
    const template = created.json<{ id: string; body: string }>();
    templateId = template.id;
    templateIds.push(template.id);
    const other = await call('admin', 'POST', '/api/response-templates', {
      name: `Inna ${tag}`,
      action: 'answer',
      language: 'pl',
      body: 'Inny tekst.',
    });
    templateIds.push(other.json<{ id: string }>().id);

    const changed = await call('admin', 'PUT', `/api/response-templates/${template.id}`, {
      ...template,
      body: 'Dzień dobry, sprawa {{caseNumber}} została przekazana.',
    });
    expect(changed.statusCode).toBe(200);
    const taken = await call('admin', 'PUT', `/api/response-templates/${template.id}`, {
      name: `Inna ${tag}`,
    });
    expect(taken.statusCode).toBe(409);

    const trail = await changes({ resource: 'response-templates', recordId: template.id });
    expect(trail.map((change) => [change.actor, change.action])).toEqual([
      ['admin', 'update'],
      ['manager', 'create'],
    ]);
    expect(trail[0]!.changes).toEqual({
      body: {
        from: 'Dzień dobry, sprawa {{caseNumber}} jest w toku.',
        to: 'Dzień dobry, sprawa {{caseNumber}} została przekazana.',
      },
    });
    expect(trail[1]!.changes).toMatchObject({
      name: { from: null, to: `Historia ${tag}` },
      active: { from: null, to: true },
    });
  });

  it('filters by resource, record, actor and dates, newest first, in pages', async () => {
    const mine = await changes({ resource: ['response-templates', 'routing-rules'], from: startedAt });
    expect(mine.map((change) => change.recordId)).toEqual(
      expect.arrayContaining([String(ruleId), templateId]),
    );
    expect(mine.every((c) => ['response-templates', 'routing-rules'].includes(c.resource))).toBe(true);
    const ids = mine.map((change) => change.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const byManager = await changes({ actor: 'MANAGER', from: startedAt });
    expect(byManager.length).toBeGreaterThan(0);
    expect(byManager.every((change) => change.actor === 'manager')).toBe(true);
    expect(byManager.map((change) => change.recordId)).toContain(templateId);

    expect(await changes({ recordId: templateId, to: startedAt })).toEqual([]);
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
    expect(await changes({ recordId: templateId, from: tomorrow })).toEqual([]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
    expect(await changes({ recordId: templateId, from: today, to: today })).toHaveLength(2);

    const page = await call(
      'admin',
      'GET',
      history({ recordId: templateId }, `&sort=${encodeURIComponent('["createdAt","ASC"]')}&range=[0,0]`),
    );
    expect(page.headers['content-range']).toBe('config-changes 0-0/2');
    expect(page.json<ConfigChange[]>().map((change) => change.action)).toEqual(['create']);

    const bad = await call('admin', 'GET', history({ from: 'yesterday' }));
    expect(bad.statusCode).toBe(400);
    const unknown = await call('admin', 'GET', history({ colour: 'red' }));
    expect(unknown.statusCode).toBe(400);
  });

  it('is read by administrators and managers only', async () => {
    expect((await call(null, 'GET', '/api/config-changes')).statusCode).toBe(401);
    for (const who of ['clerk', 'zdm']) {
      const response = await call(who, 'GET', '/api/config-changes');
      expect({ who, status: response.statusCode }).toEqual({ who, status: 403 });
    }
    for (const who of ['admin', 'manager']) {
      const response = await call(who, 'GET', '/api/config-changes');
      expect({ who, status: response.statusCode }).toEqual({ who, status: 200 });
      expect(response.headers['content-range']).toMatch(/^config-changes 0-\d+\/\d+$/);
    }
  });
});
