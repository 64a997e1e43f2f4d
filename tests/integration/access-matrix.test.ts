import { CASE_ACTIONS, type CaseAction } from '../../domain/cases/case-actions';
import { eventually, startTestApp, type TestApp } from '../support/integration';

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
    const id = response.json<{ id: string }>().id;
    await eventually(async () => {
      const [row] = await fixture.orm.em
        .fork()
        .execute<{ status: string }[]>('select status from cases where id = ?', [id]);
      return row?.status === 'FORWARDED';
    });
    return id;
  }

  async function request(who: Who, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
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
