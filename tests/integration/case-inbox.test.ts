import { randomBytes, randomUUID } from 'node:crypto';
import { buildApp } from '../../api/app';
import { loadConfig } from '../../config/config';
import {
  caseIdOfNumber,
  eventually,
  integrationConfig,
  startTestApp,
  type TestApp,
} from '../support/integration';

interface ListedCase {
  id: string;
  number: string;
  status: string;
  unitCode: string | null;
}

interface StreamEvent {
  event: string;
  data: { id?: string; number?: string; status?: string; unitCode?: string | null };
}

/**
 * The clerk's inbox and the unit queue: the case list's filters and orders, the live feed of
 * case changes (server-sent events from PostgreSQL notifications) and the back office's settings.
 */
describe('the case inbox', () => {
  let fixture: TestApp;
  let baseUrl: string;
  /** A word only this run's fixture cases contain: every list below searches for it too. */
  const marker = `inbox${randomBytes(5).toString('hex')}`;
  const HOUR = 3_600_000;
  const now = Date.now();
  const ids: Record<string, string> = {};

  /**
   * A case as the workflow's projection would have left it: these tests are about reading and
   * ordering lists, so the fields are set directly (no worker acts on these rows).
   */
  async function insertCase(name: string, fields: Record<string, unknown>): Promise<string> {
    const id = randomUUID();
    const row: Record<string, unknown> = {
      id,
      number: `${marker}-${name}`,
      kind: 'INCIDENT',
      status: 'FORWARDED',
      channel: 'PORTAL',
      description: `Zgłoszenie ${marker} ${name}`,
      workflow_started_at: new Date(),
      ...fields,
    };
    const columns = Object.keys(row);
    await fixture.orm.em
      .fork()
      .execute(
        `insert into cases (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        Object.values(row),
      );
    ids[name] = id;
    return id;
  }

  beforeAll(async () => {
    fixture = await startTestApp({ worker: true, demoUsers: true });
    await fixture.app.listen({ host: '127.0.0.1', port: 0 });
    const address = fixture.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const at = (offsetMs: number) => new Date(now + offsetMs);
    await insertCase('overdue-a', {
      unit_code: 'ZDM',
      status: 'FORWARDED',
      resolution_due_at: at(-2 * HOUR),
    });
    await insertCase('overdue-b', {
      unit_code: 'ZDM',
      status: 'IN_PROGRESS',
      resolution_due_at: at(-24 * HOUR),
      sla_state: 'BREACHED',
      escalation_level: 2,
    });
    await insertCase('due-later', {
      unit_code: 'ZDM',
      status: 'WAITING_FOR_RESIDENT',
      resolution_due_at: at(24 * HOUR),
      sla_state: 'PAUSED',
    });
    await insertCase('no-deadline', { unit_code: 'ZDM', status: 'FORWARDED', channel: 'PHONE' });
    await insertCase('resolved-late', {
      unit_code: 'ZDM',
      status: 'RESOLVED',
      resolution_due_at: at(-72 * HOUR),
      sla_state: 'BREACHED',
      escalation_level: 1,
    });
    await insertCase('other-unit', {
      unit_code: 'SM',
      status: 'FORWARDED',
      resolution_due_at: at(-48 * HOUR),
      district: 'Bemowo',
    });
    await insertCase('triage', {
      unit_code: null,
      status: 'TRIAGE',
      kind: 'INFORMATION',
      channel: 'EMAIL',
      event_code: 'POTHOLE',
      district: 'Wola',
      sla_state: 'AT_RISK',
      created_at: new Date('2026-01-10T10:00:00Z'),
    });
    // 23:30 UTC on the 11th is already the 12th in Warsaw: day filters follow the city's calendar.
    await insertCase('late-evening', {
      unit_code: null,
      status: 'TRIAGE',
      created_at: new Date('2026-01-11T23:30:00Z'),
    });
  });
  afterAll(() => fixture.close());

  async function list(
    username: string,
    filter: Record<string, unknown>,
    sort?: [string, string],
    range: [number, number] = [0, 99],
  ): Promise<{ status: number; cases: ListedCase[]; body: Record<string, unknown> }> {
    const query = new URLSearchParams({
      filter: JSON.stringify({ q: marker, ...filter }),
      range: JSON.stringify(range),
      ...(sort ? { sort: JSON.stringify(sort) } : {}),
    });
    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases?${query}`,
      headers: { authorization: await fixture.authorization(username) },
    });
    const body = response.json();
    return { status: response.statusCode, cases: response.statusCode === 200 ? body : [], body };
  }

  const names = (cases: ListedCase[]) =>
    cases.map((c) => Object.keys(ids).find((name) => ids[name] === c.id) ?? c.number);

  describe('filters', () => {
    it.each([
      [{ status: ['TRIAGE'] }, ['late-evening', 'triage']],
      [{ kind: 'INFORMATION' }, ['triage']],
      [{ eventCode: 'POTHOLE' }, ['triage']],
      [{ unitCode: 'SM' }, ['other-unit']],
      [{ district: 'Bemowo' }, ['other-unit']],
      [{ channel: ['EMAIL', 'PHONE'] }, ['no-deadline', 'triage']],
      [{ slaState: 'AT_RISK' }, ['triage']],
      [{ escalationLevel_gte: 1 }, ['overdue-b', 'resolved-late']],
      [{ escalationLevel_gte: 2 }, ['overdue-b']],
      [{ overdue: true }, ['other-unit', 'overdue-a', 'overdue-b']],
      [{ createdAt_lte: '2026-01-11' }, ['triage']],
      [{ createdAt_gte: '2026-01-12', createdAt_lte: '2026-01-12' }, ['late-evening']],
      [{ createdAt_gte: '2026-01-11T23:00:00Z', createdAt_lte: '2026-01-11T23:59:59Z' }, ['late-evening']],
    ])('%j finds exactly its cases', async (filter, expected) => {
      const { status, cases } = await list('clerk', filter);
      expect(status).toBe(200);
      expect(names(cases).sort()).toEqual([...expected].sort());
    });

    it('"not overdue" is the complement of overdue', async () => {
      const overdue = names((await list('clerk', { overdue: true })).cases);
      const notOverdue = names((await list('clerk', { overdue: false })).cases);
      expect([...overdue, ...notOverdue].sort()).toEqual(Object.keys(ids).sort());
      expect(notOverdue).toEqual(expect.arrayContaining(['resolved-late', 'no-deadline', 'due-later']));
    });

    it.each([
      [{ escalationLevel_gte: 'high' }, 'filter'],
      [{ createdAt_gte: 'yesterday' }, 'filter'],
      [{ overdue: 'yes' }, 'filter'],
      [{ status: 'LOST' }, 'filter'],
      [{ assignee: 'me' }, 'filter'],
    ])('refuses %j with a 400 naming the parameter', async (filter, parameter) => {
      const { status, body } = await list('clerk', filter);
      expect(status).toBe(400);
      expect(String(body.message)).toContain(parameter);
    });

    it('refuses an unknown sort with a 400', async () => {
      const { status } = await list('clerk', {}, ['urgency', 'UP']);
      expect(status).toBe(400);
      expect((await list('clerk', {}, ['description', 'ASC'])).status).toBe(400);
    });
  });

  describe('the unit queue', () => {
    const queue = { unitCode: 'ZDM', status: ['FORWARDED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT'] };

    it("lists the unit's open cases, overdue first, then by deadline, those without one last", async () => {
      const { cases } = await list('zdm', queue, ['urgency', 'ASC']);
      expect(names(cases)).toEqual(['overdue-b', 'overdue-a', 'due-later', 'no-deadline']);
    });

    it('puts open cases before closed ones, even closed ones whose deadline passed', async () => {
      const { cases } = await list('zdm', { unitCode: 'ZDM' }, ['urgency', 'ASC']);
      expect(names(cases)).toEqual(['overdue-b', 'overdue-a', 'due-later', 'no-deadline', 'resolved-late']);
      const reversed = await list('zdm', { unitCode: 'ZDM' }, ['urgency', 'DESC']);
      expect(names(reversed.cases)).toEqual(names(cases).reverse());
    });

    it('pages through that order without gaps or repeats', async () => {
      for (const direction of ['ASC', 'DESC']) {
        const whole = names((await list('zdm', { unitCode: 'ZDM' }, ['urgency', direction])).cases);
        const paged: string[] = [];
        for (const range of [
          [0, 1],
          [2, 3],
          [4, 5],
        ] as [number, number][]) {
          paged.push(...names((await list('zdm', { unitCode: 'ZDM' }, ['urgency', direction], range)).cases));
        }
        expect(paged).toEqual(whole);
        expect(whole).toHaveLength(5);
      }
    });

    it('sorts by resolution deadline with cases without one last', async () => {
      const { cases } = await list('zdm', queue, ['resolutionDueAt', 'ASC']);
      expect(names(cases)).toEqual(['overdue-b', 'overdue-a', 'due-later', 'no-deadline']);
    });

    it("never shows another unit's cases, whatever the filter asks", async () => {
      expect((await list('zdm', { unitCode: 'SM' })).cases).toEqual([]);
      expect(names((await list('zdm', { overdue: true })).cases).sort()).toEqual(['overdue-a', 'overdue-b']);
    });
  });

  describe('live changes', () => {
    /** Reads GET /api/cases/changes as a browser does (fetch with the bearer header) into `events`. */
    async function subscribe(username: string) {
      const controller = new AbortController();
      const events: StreamEvent[] = [];
      const response = await fetch(`${baseUrl}/api/cases/changes`, {
        headers: { authorization: await fixture.authorization(username) },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reading = (async () => {
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data) events.push({ event, data: JSON.parse(data) });
          }
        }
      })().catch(() => undefined);
      await eventually(async () => events.some((e) => e.event === 'ready'), { what: `${username} ready` });
      return {
        events,
        ofCase: (id: string) => events.filter((e) => e.event === 'case' && e.data.id === id),
        async close() {
          controller.abort();
          await reading;
        },
      };
    }

    it('tells staff within seconds that a case changed, and unit staff only of their own unit', async () => {
      const clerk = await subscribe('clerk');
      const zdm = await subscribe('zdm');
      const sm = await subscribe('sm');
      try {
        const filed = await fixture.app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          payload: {
            kind: 'INCIDENT',
            eventCode: 'POTHOLE',
            description: 'Głęboka dziura w jezdni przy przystanku',
            district: 'Ursus',
          },
        });
        expect(filed.statusCode).toBe(201);
        const { number } = filed.json<{ number: string }>();
        const id = await caseIdOfNumber(fixture.orm, number);

        // The workflow routes the case to ZDM: its staff and the clerk hear of it.
        await eventually(async () => zdm.ofCase(id).some((e) => e.data.status === 'FORWARDED'), {
          what: 'zdm told of the forwarded case',
        });
        expect(zdm.ofCase(id).at(-1)?.data).toEqual({ id, number, status: 'FORWARDED', unitCode: 'ZDM' });

        // A person's action is a change too: the unit accepts the case.
        const accepted = await fixture.app.inject({
          method: 'POST',
          url: `/api/cases/${id}/actions/accept`,
          headers: { authorization: await fixture.authorization('zdm') },
          payload: {},
        });
        expect(accepted.statusCode).toBe(200);
        await eventually(async () => zdm.ofCase(id).some((e) => e.data.status === 'IN_PROGRESS'), {
          what: 'zdm told of the acceptance',
          timeoutMs: 5_000,
        });
        await eventually(async () => clerk.ofCase(id).some((e) => e.data.status === 'IN_PROGRESS'), {
          what: 'the clerk told of the acceptance',
          timeoutMs: 5_000,
        });

        // The other unit's stream works (it hears of its own case) yet heard nothing of ZDM's.
        await fixture.orm.em
          .fork()
          .execute(`update cases set description = description || ' (uzupełnienie)' where id = ?`, [
            ids['other-unit'],
          ]);
        await eventually(async () => sm.ofCase(ids['other-unit']).length > 0, {
          what: 'sm told of its case',
        });
        expect(sm.ofCase(id)).toEqual([]);
        expect(sm.events.filter((e) => e.event === 'case').every((e) => e.data.unitCode === 'SM')).toBe(true);
      } finally {
        await Promise.all([clerk.close(), zdm.close(), sm.close()]);
      }
    });

    it('refuses a stream without a valid session', async () => {
      const response = await fetch(`${baseUrl}/api/cases/changes`);
      expect(response.status).toBe(401);
      await response.body?.cancel();
    });
  });

  describe('settings', () => {
    it('gives signed-in staff the map tiles and districts, and nobody else', async () => {
      const response = await fixture.app.inject({
        method: 'GET',
        url: '/api/settings',
        headers: { authorization: await fixture.authorization('zdm') },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
        mapAttribution: expect.stringContaining('OpenStreetMap'),
        districts: expect.arrayContaining(['Ursus', 'Wola']),
      });
      expect(response.headers['content-security-policy']).toMatch(
        /img-src 'self' data: blob: https:\/\/tile\.openstreetmap\.org(;|$)/,
      );
      expect((await fixture.app.inject({ method: 'GET', url: '/api/settings' })).statusCode).toBe(401);
    });

    it('lets the images of the configured tile server through the Content Security Policy', async () => {
      const config = integrationConfig({ MAP_TILE_URL: 'https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png' });
      const app = await buildApp(config, { orm: fixture.orm, temporal: fixture.temporal });
      try {
        const response = await app.inject({
          method: 'GET',
          url: '/api/settings',
          headers: { authorization: await fixture.authorization('clerk') },
        });
        expect(response.json()).toMatchObject({
          mapTileUrl: 'https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png',
          mapAttribution: null,
        });
        expect(response.headers['content-security-policy']).toContain(
          "img-src 'self' data: blob: https://*.tiles.example.org;",
        );
      } finally {
        await app.close();
      }
    });

    it('refuses a tile URL that is not a tile template', () => {
      expect(() => loadConfig({ MAP_TILE_URL: 'https://tiles.example.org/map.png' })).toThrow(/MAP_TILE_URL/);
      expect(() => loadConfig({ MAP_TILE_URL: 'ftp://tiles.example.org/{z}/{x}/{y}.png' })).toThrow(
        /MAP_TILE_URL/,
      );
    });
  });
});
