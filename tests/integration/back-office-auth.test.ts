import { randomUUID } from 'node:crypto';
import { hashPassword, scryptParameters } from '../../services/auth/passwords';
import { startTestApp, type TestApp } from '../support/integration';

/** Sign-in, sessions and the first rule of access: unit staff see only their unit's cases. */
describe('back-office sign-in and case access', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    fixture = await startTestApp({ demoUsers: true, config: { LOGIN_MAX_FAILURES: '3' } });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  async function login(
    username: string,
    password = fixture.config.demo.password,
    remoteAddress = '127.0.0.1',
  ) {
    return fixture.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress,
    });
  }

  // A fresh session per call, not the fixture's cached one: a test here logs its session out.
  async function tokenOf(username: string): Promise<string> {
    const response = await login(username);
    expect(response.statusCode).toBe(200);
    return response.json<{ token: string }>().token;
  }

  it('seeds a demo user per role and per unit, each able to sign in', async () => {
    for (const username of ['admin', 'clerk', 'manager', 'zdm', 'sm', 'ud-mokotow']) {
      const response = await login(username);
      expect(response.statusCode).toBe(200);
      expect(response.json().user.username).toBe(username);
    }
    expect((await login('zdm')).json().user).toMatchObject({ role: 'UNIT_STAFF', unitCode: 'ZDM' });
    expect((await login('manager')).json().user).toMatchObject({ role: 'MANAGER', unitCode: null });
  });

  it('refuses a wrong password and locks the username for that address after repeated failures', async () => {
    // A user of this test's own: a locked demo user would lock other test files out too.
    await fixture.orm.em
      .fork()
      .execute(
        `insert into users (id, username, display_name, role, password_hash) values (?, 'lockout-check', 'Lockout check', 'CLERK', ?)`,
        [
          randomUUID(),
          await hashPassword(
            fixture.config.demo.password,
            scryptParameters(fixture.config.auth.passwordHashCost),
          ),
        ],
      );
    const attacker = '203.0.113.7';
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await login('lockout-check', 'wrong-password', attacker);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'Wrong username or password',
      });
    }
    const locked = await login('lockout-check', fixture.config.demo.password, attacker);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Whoever guessed from elsewhere did not lock the user out of their own desk.
    expect((await login('lockout-check', fixture.config.demo.password, '198.51.100.20')).statusCode).toBe(
      200,
    );
  });

  it('answers a locked unknown username exactly as a locked real one', async () => {
    const answers = [];
    for (const username of ['admin', `nobody-${randomUUID().slice(0, 8)}`]) {
      const address = `192.0.2.${answers.length + 10}`;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect((await login(username, 'not-the-password', address)).statusCode).toBe(401);
      }
      const locked = await login(username, 'not-the-password', address);
      const { message, retryAfterSeconds, ...rest } = locked.json();
      answers.push({
        status: locked.statusCode,
        rest,
        message: String(message).replace(/\d+/g, 'N'),
        retryAfter: Math.round(Number(locked.headers['retry-after']) / 60),
        retryAfterSeconds: Math.round(Number(retryAfterSeconds) / 60),
      });
    }
    expect(answers[0].status).toBe(429);
    expect(answers[1]).toEqual(answers[0]);
    // `admin` itself still signs in from its usual address.
    expect((await login('admin')).statusCode).toBe(200);
  });

  it('answers 401 without a token and 401 after logout', async () => {
    expect((await fixture.app.inject({ method: 'GET', url: '/api/cases' })).statusCode).toBe(401);
    const token = await tokenOf('clerk');
    const authorization = `Bearer ${token}`;
    expect(
      (await fixture.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await fixture.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization } }))
        .statusCode,
    ).toBe(204);
    const after = await fixture.app.inject({ method: 'GET', url: '/api/cases', headers: { authorization } });
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toMatch(/session has ended/);
  });

  it('shows unit staff only the cases routed to their unit, in react-admin list format', async () => {
    const db = fixture.orm.em.fork();
    await db.execute(
      `insert into cases (id, number, kind, status, event_code, unit_code, district, channel, description) values
       ('00000000-0000-4000-8000-000000000001', '900001/26', 'INCIDENT', 'FORWARDED', 'POTHOLE', 'ZDM', 'Wola', 'PORTAL', 'dziura'),
       ('00000000-0000-4000-8000-000000000002', '900002/26', 'INCIDENT', 'FORWARDED', 'NOISE', 'SM', 'Wola', 'PORTAL', 'hałas'),
       ('00000000-0000-4000-8000-000000000003', '900003/26', 'INCIDENT', 'TRIAGE', 'NOISE', null, 'Wola', 'PORTAL', 'zwrócone')`,
    );
    // Case 3 was with ZDM once and came back to triage: ZDM still sees it.
    await db.execute(
      `insert into case_events (case_id, event_key, type, actor, payload) values
       ('00000000-0000-4000-8000-000000000003', 'v2', 'ROUTED', 'system', '{"unitCode":"ZDM"}')`,
    );
    // Only this test's cases (numbers 9000xx): other test files share the database.
    const list = async (username: string, sort = '') =>
      fixture.app.inject({
        method: 'GET',
        url: `/api/cases?filter=${encodeURIComponent('{"q":"9000"}')}${sort}`,
        headers: { authorization: `Bearer ${await tokenOf(username)}` },
      });

    const clerk = await list('clerk');
    expect(clerk.statusCode).toBe(200);
    expect(clerk.headers['content-range']).toBe('cases 0-2/3');
    const zdm = await list('zdm', `&sort=${encodeURIComponent('["number","ASC"]')}`);
    expect(zdm.json().map((c: { number: string }) => c.number)).toEqual(['900001/26', '900003/26']);
    expect(zdm.headers['content-range']).toBe('cases 0-1/2');
    const sm = await list('sm');
    expect(sm.json().map((c: { number: string }) => c.number)).toEqual(['900002/26']);

    const smToken = await tokenOf('sm');
    const foreign = await fixture.app.inject({
      method: 'GET',
      url: '/api/cases/00000000-0000-4000-8000-000000000001',
      headers: { authorization: `Bearer ${smToken}` },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('answers 400 naming the parameter for a malformed list query', async () => {
    const authorization = `Bearer ${await tokenOf('clerk')}`;
    const badJson = await fixture.app.inject({
      method: 'GET',
      url: '/api/cases?range=[0,',
      headers: { authorization },
    });
    expect(badJson.statusCode).toBe(400);
    expect(Object.keys(badJson.json().errors)).toEqual(['query.range']);
    const badField = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases?filter=${encodeURIComponent('{"password":"x"}')}`,
      headers: { authorization },
    });
    expect(badField.statusCode).toBe(400);
  });
});
