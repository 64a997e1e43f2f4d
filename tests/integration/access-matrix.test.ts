import { CASE_ACTIONS, type CaseAction } from '../../domain/cases/case-actions';
import { DEFAULT_WEEKDAY_HOURS } from '../../domain/sla/calendar-configuration';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';

type Who = 'anonymous' | 'admin' | 'clerk' | 'manager' | 'own-unit' | 'other-unit';
const EVERYONE: Who[] = ['anonymous', 'admin', 'clerk', 'manager', 'own-unit', 'other-unit'];
const USERNAMES: Record<Exclude<Who, 'anonymous'>, string> = {
  admin: 'admin',
  clerk: 'clerk',
  manager: 'manager',
  'own-unit': 'zdm',
  'other-unit': 'sm',
};

/** Who may take which action at all (the state machine may still refuse it with a 409). */
const MAY_ACT: Record<CaseAction, Who[]> = {
  classify: ['admin', 'clerk'],
  forward: ['admin', 'clerk'],
  accept: ['own-unit'],
  'request-info': ['admin', 'clerk', 'own-unit'],
  resolve: ['admin', 'clerk', 'own-unit'],
  return: ['own-unit'],
  reopen: ['admin', 'clerk'],
  merge: ['admin', 'clerk'],
  answer: ['admin', 'clerk'],
  cancel: ['admin', 'clerk'],
  comment: ['admin', 'clerk', 'manager', 'own-unit'],
};

/** A body each action accepts, so a refusal can only come from who is asking or the case's state. */
const BODIES: Record<CaseAction, Record<string, unknown>> = {
  classify: { kind: 'INCIDENT', eventCode: 'POTHOLE' },
  forward: { unitCode: 'ZDM' },
  accept: {},
  'request-info': { note: 'Proszę o zdjęcie' },
  resolve: { note: 'Załatwione' },
  return: { note: 'Nie nasza sprawa' },
  reopen: { note: 'Nadal jest' },
  merge: { parentCaseId: '00000000-0000-4000-8000-000000000000' },
  answer: { note: 'Odpowiedź' },
  cancel: { note: 'Spam' },
  comment: { note: 'Notatka' },
};

/**
 * Every back-office route, for every role, on a case of the user's unit and of another unit.
 * Anonymous requests get 401; unit staff never see or touch another unit's case (404, and never
 * in a list); roles outside an action's list get 403. Actions run on throwaway copies of the case
 * and are checked before they run, so one role's success does not hide another role's leak.
 */
describe('the back-office access matrix', () => {
  let fixture: TestApp;
  let caseId: string;

  beforeAll(async () => {
    fixture = await startTestApp({ worker: true, demoUsers: true });
    caseId = await fileForwardedPothole();
  });
  afterAll(() => fixture.close());

  async function fileForwardedPothole(): Promise<string> {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        description: 'Dziura przy przystanku',
        district: 'Ursus',
      },
    });
    const id = await caseIdOfNumber(fixture.orm, response.json<{ number: string }>().number);
    await eventually(async () => {
      const [row] = await fixture.orm.em
        .fork()
        .execute<{ status: string }[]>('select status from cases where id = ?', [id]);
      return row?.status === 'FORWARDED';
    });
    return id;
  }

  async function request(
    who: Who,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: Record<string, unknown>,
  ) {
    const headers = who === 'anonymous' ? {} : { authorization: await fixture.authorization(USERNAMES[who]) };
    return fixture.app.inject({ method, url, headers, payload });
  }

  const reads = (id: string) => [
    `/api/cases/${id}`,
    `/api/case-events?filter=${encodeURIComponent(JSON.stringify({ caseId: id }))}`,
    `/api/cases/${id}/attachments`,
  ];

  it.each(EVERYONE)('reads: %s', async (who) => {
    for (const url of reads(caseId)) {
      const response = await request(who, 'GET', url);
      const expected = who === 'anonymous' ? 401 : who === 'other-unit' ? 404 : 200;
      // Lists answer 200 with nothing in them for a case the user may not see.
      if (url.startsWith('/api/case-events') && who === 'other-unit') {
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual([]);
        continue;
      }
      expect({ url, status: response.statusCode }).toEqual({ url, status: expected });
    }
    const list = await request(who, 'GET', '/api/cases?range=[0,499]');
    if (who === 'anonymous') {
      expect(list.statusCode).toBe(401);
    } else {
      const ids = list.json<{ id: string; unitCode: string | null }[]>().map((c) => c.id);
      expect(ids.includes(caseId)).toBe(who !== 'other-unit');
      if (who === 'other-unit') {
        expect(
          list.json<{ unitCode: string | null }[]>().every((c) => c.unitCode === 'SM' || c.unitCode === null),
        ).toBe(true);
      }
    }
  });

  it.each(CASE_ACTIONS)(
    'action %s: only the roles that may take it get past the access check',
    async (action) => {
      for (const who of EVERYONE) {
        // A fresh case for every attempt that might succeed, so a success never changes the next check.
        const target = MAY_ACT[action].includes(who) ? await fileForwardedPothole() : caseId;
        const response = await request(who, 'POST', `/api/cases/${target}/actions/${action}`, BODIES[action]);
        const status = response.statusCode;
        if (who === 'anonymous') expect({ who, status }).toEqual({ who, status: 401 });
        else if (who === 'other-unit') expect({ who, status }).toEqual({ who, status: 404 });
        else if (!MAY_ACT[action].includes(who)) expect({ who, status }).toEqual({ who, status: 403 });
        else expect({ who, status, ok: [200, 409, 422].includes(status) }).toEqual({ who, status, ok: true });
      }
    },
  );

  it.each(EVERYONE)(
    'phone calls: only clerks and administrators record calls and look callers up: %s',
    async (who) => {
      const expected = who === 'anonymous' ? 401 : who === 'admin' || who === 'clerk' ? 200 : 403;
      for (const url of ['/api/calls/caller-history?phone=600100200', '/api/calls/districts']) {
        const response = await request(who, 'GET', url);
        expect({ url, status: response.statusCode }).toEqual({ url, status: expected });
      }
      const call = await request(who, 'POST', '/api/calls', {
        kind: 'SUGGESTION',
        description: 'Więcej ławek w parku',
        durationSeconds: 20,
      });
      expect({ who, status: call.statusCode }).toEqual({ who, status: expected === 200 ? 201 : expected });
    },
  );

  it.each(EVERYONE)(
    'chats: only clerks and administrators see the queue and act on chats: %s',
    async (who) => {
      const denied = who === 'anonymous' ? 401 : 403;
      const contactCenter = who === 'admin' || who === 'clerk';
      // Commands aimed at a chat that does not exist change no state.
      const nobody = '00000000-0000-4000-8000-000000000000';
      const checks: ['GET' | 'POST', string, number][] = [
        ['GET', '/api/chats', contactCenter ? 200 : denied],
        ['GET', `/api/chats/${nobody}`, contactCenter ? 404 : denied],
        ['GET', `/api/chats/${nobody}/resident-cases`, contactCenter ? 404 : denied],
        ['POST', `/api/chats/${nobody}/take`, contactCenter ? 404 : denied],
        ['POST', `/api/chats/${nobody}/abandon`, contactCenter ? 404 : denied],
      ];
      for (const [method, url, expected] of checks) {
        const response = await request(who, method, url);
        expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: expected });
      }
    },
  );

  it.each(EVERYONE)(
    'business calendar (administrators write, managers read) and response templates (administrators and managers write, all staff read): %s',
    async (who) => {
      const denied = who === 'anonymous' ? 401 : 403;
      const calendarRead = who === 'admin' || who === 'manager' ? 200 : denied;
      // Writes aimed at nothing (an unknown id, the hours as they are) change no state.
      const checks: [Parameters<typeof request>[1], string, number, Record<string, unknown>?][] = [
        ['GET', '/api/business-calendar/hours', calendarRead],
        ['GET', '/api/business-calendar/holidays?year=2026', calendarRead],
        ['GET', '/api/calendar-days', calendarRead],
        [
          'PUT',
          '/api/business-calendar/hours',
          who === 'admin' ? 200 : denied,
          { hours: DEFAULT_WEEKDAY_HOURS },
        ],
        ['DELETE', '/api/calendar-days/2147483647', who === 'admin' ? 404 : denied],
        ['GET', '/api/response-templates', who === 'anonymous' ? 401 : 200],
        [
          'DELETE',
          '/api/response-templates/00000000-0000-4000-8000-000000000000',
          who === 'admin' || who === 'manager' ? 404 : denied,
        ],
      ];
      for (const [method, url, expected, payload] of checks) {
        const response = await request(who, method, url, payload);
        expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: expected });
      }
    },
  );

  it.each(EVERYONE)(
    'portal content: the knowledge base (administrators and managers write, clerks read) and announcements (the contact center writes): %s',
    async (who) => {
      const denied = who === 'anonymous' ? 401 : 403;
      const office = who === 'admin' || who === 'manager' || who === 'clerk';
      const managers = who === 'admin' || who === 'manager';
      // Writes aimed at records that do not exist change no state.
      const nobody = '00000000-0000-4000-8000-000000000000';
      const checks: [Parameters<typeof request>[1], string, number][] = [
        ['GET', '/api/knowledge-articles', office ? 200 : denied],
        ['GET', '/api/knowledge-categories', office ? 200 : denied],
        ['DELETE', `/api/knowledge-articles/${nobody}`, managers ? 404 : denied],
        ['DELETE', '/api/knowledge-categories/NO_SUCH', managers ? 404 : denied],
        ['GET', '/api/announcements', office ? 200 : denied],
        ['DELETE', `/api/announcements/${nobody}`, office ? 404 : denied],
        ['GET', '/api/statistics/ratings', who === 'anonymous' ? 401 : 200],
      ];
      for (const [method, url, expected] of checks) {
        const response = await request(who, method, url);
        expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: expected });
      }
    },
  );

  it.each(EVERYONE)(
    'configuration (users, taxonomy, routing, SLA policies, units): administrators write, others read what their screens need: %s',
    async (who) => {
      const denied = who === 'anonymous' ? 401 : 403;
      const everyone = who === 'anonymous' ? 401 : 200;
      const managers = who === 'admin' || who === 'manager' ? 200 : denied;
      const office = who === 'admin' || who === 'manager' || who === 'clerk' ? 200 : denied;
      const adminOnly = (status: number) => (who === 'admin' ? status : denied);
      // Writes aimed at records that do not exist change no state.
      const nobody = '00000000-0000-4000-8000-000000000000';
      const checks: [Parameters<typeof request>[1], string, number, Record<string, unknown>?][] = [
        ['GET', '/api/users', managers],
        ['GET', '/api/subcategories', office],
        ['GET', '/api/taxonomy-events', office],
        ['GET', '/api/routing-rules', managers],
        ['GET', '/api/routing-rules/preview?eventCode=POTHOLE&district=Ursus', managers],
        ['GET', '/api/sla-policies', managers],
        ['GET', '/api/units', everyone],
        ['GET', '/api/districts', everyone],
        ['GET', '/api/config-changes', managers],
        ['PUT', `/api/users/${nobody}`, adminOnly(404), {}],
        ['POST', `/api/users/${nobody}/unlock`, adminOnly(404)],
        ['PUT', '/api/subcategories/NO_SUCH', adminOnly(404), {}],
        ['DELETE', '/api/taxonomy-events/NO_SUCH', adminOnly(404)],
        ['DELETE', '/api/routing-rules/2147483647', adminOnly(404)],
        ['PUT', '/api/sla-policies/2147483647', adminOnly(404), {}],
        ['PUT', '/api/units/NO-SUCH', adminOnly(404), {}],
      ];
      for (const [method, url, expected, payload] of checks) {
        const response = await request(who, method, url, payload);
        expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: expected });
      }
    },
  );

  it.each(EVERYONE)(
    "statistics: the city's figures for the office, one unit's for its staff, nothing for others: %s",
    async (who) => {
      const routes = [
        '/api/statistics/overview',
        '/api/statistics/open-cases.csv?slaState=BREACHED',
        '/api/statistics/on-time',
        '/api/statistics/volumes?dimension=unit',
        '/api/statistics/contacts-per-year.csv',
      ];
      for (const route of routes) {
        const joiner = route.includes('?') ? '&' : '?';
        const all = await request(who, 'GET', route);
        const ofZdm = await request(who, 'GET', `${route}${joiner}unitCode=ZDM`);
        const expected =
          who === 'anonymous'
            ? { all: 401, ofZdm: 401 }
            : who === 'other-unit'
              ? { all: 200, ofZdm: 403 }
              : { all: 200, ofZdm: 200 };
        expect({ route, all: all.statusCode, ofZdm: ofZdm.statusCode }).toEqual({ route, ...expected });
        if (!route.includes('.csv') && all.statusCode === 200) {
          const scope = who === 'own-unit' ? 'ZDM' : who === 'other-unit' ? 'SM' : null;
          expect({ route, unitCode: all.json().unitCode }).toEqual({ route, unitCode: scope });
        }
      }
    },
  );

  it("never shows another unit's case in the audit list, whatever the filters", async () => {
    const filter = encodeURIComponent(
      JSON.stringify({ caseId, type: ['CREATED', 'ROUTED'], actor: 'system', createdAt_gte: '2020-01-01' }),
    );
    const url = `/api/case-events?filter=${filter}`;
    expect((await request('other-unit', 'GET', url)).json()).toEqual([]);
    expect((await request('own-unit', 'GET', url)).json()).toEqual([
      expect.objectContaining({ caseId, type: 'ROUTED', actor: 'system' }),
    ]);
  });

  it('lets a unit that returned a case read it, whether a rule routed it there or a clerk forwarded it', async () => {
    const forwarded = await fileForwardedPothole();
    const [other, own] = ['other-unit', 'own-unit'] as const;
    expect((await request(other, 'GET', `/api/cases/${forwarded}`)).statusCode).toBe(404);
    const forward = await request('clerk', 'POST', `/api/cases/${forwarded}/actions/forward`, {
      unitCode: 'SM',
      note: 'Parking na chodniku, nie dziura',
    });
    expect(forward.statusCode).toBe(200);
    await eventually(async () => (await request(other, 'GET', `/api/cases/${forwarded}`)).statusCode === 200);
    const returned = await request(other, 'POST', `/api/cases/${forwarded}/actions/return`, {
      note: 'Nie nasza sprawa',
    });
    expect(returned.statusCode).toBe(200);
    await eventually(async () => {
      const [row] = await fixture.orm.em
        .fork()
        .execute<{ unit_code: string | null }[]>('select unit_code from cases where id = ?', [forwarded]);
      return row.unit_code !== 'SM';
    });
    // SM had it by a clerk's forward, ZDM by a rule: both still read what they did.
    for (const who of [other, own]) {
      for (const url of reads(forwarded)) {
        const response = await request(who, 'GET', url);
        expect({ who, url, status: response.statusCode }).toEqual({ who, url, status: 200 });
      }
    }
  });

  it('keeps unit staff to their own unit in the actions they may take', async () => {
    const record = (await request('own-unit', 'GET', `/api/cases/${caseId}`)).json<{
      availableActions: string[];
    }>();
    expect(record.availableActions.sort()).toEqual([
      'accept',
      'comment',
      'request-info',
      'resolve',
      'return',
    ]);
    const manager = (await request('manager', 'GET', `/api/cases/${caseId}`)).json<{
      availableActions: string[];
    }>();
    expect(manager.availableActions).toEqual(['comment']);
  });
});
