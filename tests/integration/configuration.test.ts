import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';

type Json = Record<string, unknown>;

/**
 * What administrators configure in the back office: accounts, the taxonomy, routing rules, SLA
 * policies and units. Each change goes through the API as react-admin sends it, and the effects
 * are checked where they matter: who can sign in, where a new case goes, when it is due.
 */
describe('configuration by administrators', () => {
  let fixture: TestApp;
  // Codes of this run: the database is shared with the other test files of the run.
  const tag = Date.now().toString(36).toUpperCase();
  const password = 'a-long-initial-passphrase';
  // An administrator's password is temporary: the user signs in the first time by choosing this one.
  const chosen = 'the-users-own-passphrase';

  beforeAll(async () => {
    fixture = await startTestApp({ worker: true, demoUsers: true });
  });
  afterAll(() => fixture.close());

  async function call(
    who: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: Json,
  ) {
    const headers: Record<string, string> = who ? { authorization: await fixture.authorization(who) } : {};
    return fixture.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  }

  const list = (resource: string, filter: Json = {}, extra = '') =>
    `/api/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`;

  async function signIn(username: string, secret: string) {
    return fixture.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: secret },
    });
  }

  async function changePassword(username: string, currentPassword: string, newPassword: string) {
    return fixture.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      payload: { username, currentPassword, newPassword },
    });
  }

  async function fileCase(eventCode: string, district: string) {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { kind: 'INCIDENT', eventCode, description: 'Zgłoszenie do testu konfiguracji', district },
    });
    expect(response.statusCode).toBe(201);
    return caseIdOfNumber(fixture.orm, response.json<{ number: string }>().number);
  }

  async function forwardedTo(
    caseId: string,
  ): Promise<{ unitCode: string; resolutionDueAt: string; createdAt: string }> {
    return eventually(
      async () => {
        const response = await call('admin', 'GET', `/api/cases/${caseId}`);
        const body = response.json<{
          status: string;
          unitCode: string;
          resolutionDueAt: string;
          createdAt: string;
        }>();
        return body.status === 'FORWARDED' && body;
      },
      { what: `case ${caseId} to be forwarded` },
    );
  }

  async function auditTrail(resource: string, recordId: string | number) {
    return fixture.orm.em
      .fork()
      .getConnection()
      .execute<
        { actor_username: string; action: string; changes: Record<string, { from: unknown; to: unknown }> }[]
      >(
        'select actor_username, action, changes from config_changes where resource = ? and record_id = ? order by id',
        [resource, String(recordId)],
      );
  }

  it('documents every configuration route in the OpenAPI document', async () => {
    const response = await fixture.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>().paths;
    for (const resource of [
      'users',
      'subcategories',
      'taxonomy-events',
      'routing-rules',
      'sla-policies',
      'units',
    ]) {
      expect(Object.keys(paths[`/api/${resource}`] ?? {}).sort()).toEqual(['get', 'post']);
      expect(paths[`/api/${resource}`]!.post!.requestBody).toBeDefined();
      expect(Object.keys(paths[`/api/${resource}/{id}`] ?? {})).toEqual(
        expect.arrayContaining(['get', 'put']),
      );
    }
    expect(paths['/api/users/{id}/reset-password']?.post).toBeDefined();
    expect(paths['/api/routing-rules/preview']?.get).toBeDefined();
  });

  describe('users', () => {
    const username = `staff.${tag.toLowerCase()}`;
    let userId: string;

    it('creates unit staff, never returns the password, and lists them by role, unit and state', async () => {
      const created = await call('admin', 'POST', '/api/users', {
        username: username.toUpperCase(),
        displayName: 'Anna Testowa',
        role: 'UNIT_STAFF',
        unitCode: 'ZDM',
        isSupervisor: true,
        email: 'anna@example.org',
        password,
      });
      expect(created.statusCode).toBe(201);
      const user = created.json<Json>();
      expect(user).toMatchObject({
        username,
        role: 'UNIT_STAFF',
        unitCode: 'ZDM',
        active: true,
        locked: false,
      });
      expect(created.body).not.toContain(password);
      expect(created.body).not.toMatch(/scrypt/i);
      userId = String(user.id);

      const listed = await call(
        'admin',
        'GET',
        list('users', { role: 'UNIT_STAFF', unitCode: 'ZDM', active: true }),
      );
      expect(listed.statusCode).toBe(200);
      expect(listed.headers['content-range']).toMatch(/^users 0-\d+\/\d+$/);
      expect(listed.json<Json[]>().map((u) => u.username)).toEqual(expect.arrayContaining([username, 'zdm']));
      const byText = await call('admin', 'GET', list('users', { q: tag.toLowerCase() }));
      expect(byText.json<Json[]>().map((u) => u.username)).toEqual([username]);
      const clerks = await call('admin', 'GET', list('users', { role: 'CLERK' }));
      expect(clerks.json<Json[]>().every((u) => u.role === 'CLERK')).toBe(true);

      const [change] = await auditTrail('users', userId);
      expect(change).toMatchObject({ actor_username: 'admin', action: 'create' });
      expect(JSON.stringify(change)).not.toMatch(/scrypt|passphrase/);
    });

    it('refuses a taken username with 409 naming the field', async () => {
      const response = await call('admin', 'POST', '/api/users', {
        username,
        displayName: 'Someone else',
        role: 'CLERK',
        password,
      });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({
        code: 'CONFLICT',
        errors: { username: expect.stringContaining('taken') },
      });
    });

    it.each([
      [{ role: 'UNIT_STAFF' }, 'unitCode'],
      [{ role: 'CLERK', unitCode: 'ZDM' }, 'unitCode'],
      [{ role: 'UNIT_STAFF', unitCode: 'NO-SUCH-UNIT' }, 'unitCode'],
      [{ role: 'CLERK', isSupervisor: true }, 'isSupervisor'],
      [{ role: 'CLERK', password: 'short' }, 'password'],
      [{ role: 'CLERK', username: 'x y' }, 'username'],
      [{ role: 'CLERK', email: 'not-an-address' }, 'email'],
      [{ role: 'JANITOR' }, 'role'],
    ])('refuses %j with 422 naming %s', async (change, field) => {
      const response = await call('admin', 'POST', '/api/users', {
        username: `bad.${tag.toLowerCase()}`,
        displayName: 'Bad body',
        password,
        ...change,
      });
      expect(response.statusCode).toBe(422);
      expect(response.json<{ errors: Json }>().errors).toHaveProperty([field]);
    });

    it('lets a new user sign in; deactivation ends the session and refuses the next sign-in', async () => {
      expect((await signIn(username, password)).json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
      const login = await changePassword(username, password, chosen);
      expect(login.statusCode).toBe(200);
      const bearer = { authorization: `Bearer ${login.json<{ token: string }>().token}` };
      expect(
        (await fixture.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode,
      ).toBe(200);

      const deactivated = await call('admin', 'PUT', `/api/users/${userId}`, { active: false });
      expect(deactivated.statusCode).toBe(200);
      expect(deactivated.json()).toMatchObject({ active: false });
      expect(
        (await fixture.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode,
      ).toBe(401);
      expect((await signIn(username, chosen)).statusCode).toBe(401);
      const sessions = await fixture.orm.em
        .fork()
        .getConnection()
        .execute<{ open: string }[]>(
          'select count(*) as open from sessions where user_id = ? and revoked_at is null',
          [userId],
        );
      expect(Number(sessions[0]!.open)).toBe(0);

      const reactivated = await call('admin', 'PUT', `/api/users/${userId}`, { active: true });
      expect(reactivated.json()).toMatchObject({ active: true });
      expect((await signIn(username, chosen)).statusCode).toBe(200);
    });

    it('moves a user between roles only with a consistent unit', async () => {
      const keepsUnit = await call('admin', 'PUT', `/api/users/${userId}`, { role: 'CLERK' });
      expect(keepsUnit.statusCode).toBe(422);
      expect(keepsUnit.json<{ errors: Json }>().errors).toHaveProperty('unitCode');
      const clerk = await call('admin', 'PUT', `/api/users/${userId}`, {
        role: 'CLERK',
        unitCode: null,
        isSupervisor: false,
      });
      expect(clerk.json()).toMatchObject({ role: 'CLERK', unitCode: null, isSupervisor: false });
    });

    it('resets a password: the old one stops working and open sessions end', async () => {
      const before = await signIn(username, chosen);
      const bearer = { authorization: `Bearer ${before.json<{ token: string }>().token}` };
      const weak = await call('admin', 'POST', `/api/users/${userId}/reset-password`, { password: 'short' });
      expect(weak.statusCode).toBe(422);
      expect(weak.json<{ errors: Json }>().errors).toHaveProperty('password');

      const reset = await call('admin', 'POST', `/api/users/${userId}/reset-password`, {
        password: 'another-long-passphrase',
      });
      expect(reset.statusCode).toBe(200);
      expect(reset.body).not.toMatch(/passphrase|scrypt/);
      expect(
        (await fixture.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode,
      ).toBe(401);
      expect((await signIn(username, chosen)).statusCode).toBe(401);
      const temporary = await signIn(username, 'another-long-passphrase');
      expect({ status: temporary.statusCode, code: temporary.json().code }).toEqual({
        status: 403,
        code: 'PASSWORD_CHANGE_REQUIRED',
      });
    });

    it('unlocks an account locked by failed sign-ins', async () => {
      const lockedName = `locked.${tag.toLowerCase()}`;
      const created = await call('admin', 'POST', '/api/users', {
        username: lockedName,
        displayName: 'Locked Out',
        role: 'MANAGER',
        password,
      });
      const id = created.json<{ id: string }>().id;
      for (let attempt = 0; attempt < fixture.config.auth.maxFailures; attempt += 1) {
        expect((await signIn(lockedName, 'wrong-password-guess')).statusCode).toBe(401);
      }
      expect((await signIn(lockedName, password)).statusCode).toBe(429);
      const locked = await call('manager', 'GET', list('users', { locked: true }));
      expect(locked.json<Json[]>().find((u) => u.id === id)).toMatchObject({ locked: true });

      const unlocked = await call('admin', 'POST', `/api/users/${id}/unlock`);
      expect(unlocked.json()).toMatchObject({ locked: false, failedLogins: 0, lockedUntil: null });
      // The right (temporary) password is recognised again.
      expect((await signIn(lockedName, password)).json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
      expect((await auditTrail('users', id)).map((c) => c.action)).toEqual(['create', 'unlock']);
    });

    it('does not let an administrator deactivate or demote themself', async () => {
      const me = (await call('admin', 'GET', list('users', { q: 'admin', role: 'ADMIN' }))).json<Json[]>();
      const adminId = me.find((u) => u.username === 'admin')!.id;
      const deactivate = await call('admin', 'PUT', `/api/users/${adminId}`, { active: false });
      expect(deactivate.statusCode).toBe(422);
      expect(deactivate.json<{ errors: Json }>().errors).toHaveProperty('active');
      const demote = await call('admin', 'PUT', `/api/users/${adminId}`, { role: 'CLERK' });
      expect(demote.statusCode).toBe(422);
      expect(demote.json<{ errors: Json }>().errors).toHaveProperty('role');
    });

    it('lets managers read accounts and nobody but administrators change them', async () => {
      expect((await call('manager', 'GET', '/api/users')).statusCode).toBe(200);
      expect((await call('manager', 'GET', `/api/users/${userId}`)).statusCode).toBe(200);
      expect((await call('clerk', 'GET', '/api/users')).statusCode).toBe(403);
      expect((await call('zdm', 'GET', '/api/users')).statusCode).toBe(403);
      expect((await call(null, 'GET', '/api/users')).statusCode).toBe(401);
      for (const who of ['manager', 'clerk', 'zdm']) {
        expect((await call(who, 'PUT', `/api/users/${userId}`, { displayName: 'Hijacked' })).statusCode).toBe(
          403,
        );
        expect((await call(who, 'POST', `/api/users/${userId}/unlock`)).statusCode).toBe(403);
      }
    });
  });

  describe('taxonomy, routing rules and SLA policies', () => {
    const subcategory = `SUB_${tag}`;
    const event = `EV_${tag}`;

    it('adds a subcategory and refuses a duplicate code', async () => {
      const created = await call('admin', 'POST', '/api/subcategories', {
        code: subcategory.toLowerCase(),
        name: 'Testowa podkategoria',
        nameEn: 'Test subcategory',
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ id: subcategory, code: subcategory, eventCount: 0 });
      const again = await call('admin', 'POST', '/api/subcategories', {
        code: subcategory,
        name: 'Jeszcze raz',
        nameEn: 'Again',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json<{ errors: Json }>().errors).toHaveProperty('code');
      const listed = await call('clerk', 'GET', list('subcategories', { q: 'testowa podkat' }));
      expect(listed.json<Json[]>().map((s) => s.code)).toEqual([subcategory]);
      // react-admin's reference inputs sort by `id`, which is the code here.
      const codes = async (order: 'ASC' | 'DESC') =>
        (await call('clerk', 'GET', list('subcategories', {}, `&sort=["id","${order}"]`)))
          .json<Json[]>()
          .map((s) => s.code);
      const ascending = await codes('ASC');
      expect(ascending).toContain(subcategory);
      expect(await codes('DESC')).toEqual([...ascending].reverse());
    });

    it('refuses events whose subcategory or default unit does not exist, naming both', async () => {
      const response = await call('admin', 'POST', '/api/taxonomy-events', {
        code: `BAD_${tag}`,
        subcategory: 'NO_SUCH_SUBCATEGORY',
        name: 'Złe',
        nameEn: 'Bad',
        defaultUnit: 'NO-SUCH-UNIT',
        priority: 'normal',
        resolutionHours: 24,
      });
      expect(response.statusCode).toBe(422);
      expect(response.json<{ errors: Json }>().errors).toEqual({
        subcategory: expect.any(String),
        defaultUnit: expect.any(String),
      });
      const shape = await call('admin', 'POST', '/api/taxonomy-events', {
        code: 'lower case',
        subcategory,
        name: 'Złe',
        nameEn: 'Bad',
        defaultUnit: 'ZDM',
        priority: 'whenever',
        resolutionHours: 0,
      });
      expect(shape.statusCode).toBe(422);
      expect(Object.keys(shape.json<{ errors: Json }>().errors).sort()).toEqual([
        'code',
        'priority',
        'resolutionHours',
      ]);
    });

    it('adds an event residents can report at once, routed to its default unit', async () => {
      const created = await call('admin', 'POST', '/api/taxonomy-events', {
        code: event,
        subcategory,
        name: 'Testowe zdarzenie',
        nameEn: 'Test event',
        defaultUnit: 'ZDM',
        priority: 'normal',
        resolutionHours: 48,
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ id: event, active: true, allowsAnonymous: true });
      const duplicate = await call('admin', 'POST', '/api/taxonomy-events', {
        code: event,
        subcategory,
        name: 'x',
        nameEn: 'x',
        defaultUnit: 'ZDM',
        priority: 'low',
        resolutionHours: 1,
      });
      expect(duplicate.statusCode).toBe(409);

      const rules = await call('manager', 'GET', list('routing-rules', { eventCode: event }));
      expect(rules.json()).toEqual([
        expect.objectContaining({ eventCode: event, district: null, unitCode: 'ZDM' }),
      ]);
      const publicTaxonomy = await fixture.app.inject({ method: 'GET', url: '/api/v1/taxonomy' });
      const sub = publicTaxonomy
        .json<{ subcategories: { code: string; events: { code: string }[] }[] }>()
        .subcategories.find((s) => s.code === subcategory);
      expect(sub?.events.map((e) => e.code)).toEqual([event]);

      const filtered = await call('clerk', 'GET', list('taxonomy-events', { subcategory, active: true }));
      expect(filtered.json<Json[]>().map((e) => e.code)).toEqual([event]);
      expect(filtered.headers['content-range']).toBe('taxonomy-events 0-0/1');
    });

    it('sends the next case by a new district rule, while earlier cases stay where they went', async () => {
      const before = await forwardedTo(await fileCase(event, 'Wola'));
      expect(before.unitCode).toBe('ZDM');

      const rule = await call('admin', 'POST', '/api/routing-rules', {
        eventCode: event,
        district: 'Wola',
        unitCode: 'SM',
      });
      expect(rule.statusCode).toBe(201);
      const ruleId = rule.json<{ id: number }>().id;
      const preview = await call(
        'manager',
        'GET',
        `/api/routing-rules/preview?eventCode=${event}&district=${encodeURIComponent('Wola')}`,
      );
      expect(preview.json()).toEqual({ routed: true, unitCode: 'SM', ruleId, reason: null });

      const after = await forwardedTo(await fileCase(event, 'Wola'));
      expect(after.unitCode).toBe('SM');
      const elsewhere = await forwardedTo(await fileCase(event, 'Bemowo'));
      expect(elsewhere.unitCode).toBe('ZDM');

      const deactivated = await call('admin', 'PUT', `/api/routing-rules/${ruleId}`, { active: false });
      expect(deactivated.json()).toMatchObject({ active: false });
      const back = await call('admin', 'GET', `/api/routing-rules/preview?eventCode=${event}&district=Wola`);
      expect(back.json()).toMatchObject({ unitCode: 'ZDM' });
      expect((await auditTrail('routing-rules', ruleId)).map((c) => c.action)).toEqual(['create', 'update']);
    });

    it('refuses a second active rule for the same event and district, and rules that cannot route', async () => {
      const same = await call('admin', 'POST', '/api/routing-rules', {
        eventCode: event,
        district: null,
        unitCode: 'SM',
      });
      expect(same.statusCode).toBe(409);
      expect(same.json<{ message: string }>().message).toContain(`event ${event}, district any`);

      const cases: [Json, string][] = [
        [{ eventCode: null, district: null, unitCode: 'SM' }, 'eventCode'],
        [{ eventCode: 'NO_SUCH_EVENT', unitCode: 'SM' }, 'eventCode'],
        [{ eventCode: event, district: 'Atlantyda', unitCode: 'SM' }, 'district'],
        [{ eventCode: event, district: 'Ursus', unitCode: 'NO-SUCH-UNIT' }, 'unitCode'],
        [{ eventCode: event, district: 'Ursus', unitCode: 'SM', colour: 'red' }, 'body'],
      ];
      for (const [body, field] of cases) {
        const response = await call('admin', 'POST', '/api/routing-rules', body);
        expect({ body, status: response.statusCode }).toEqual({ body, status: 422 });
        expect(response.json<{ errors: Json }>().errors).toHaveProperty([field]);
      }
      // `UD`: the district office of the case's district.
      const office = await call('admin', 'POST', '/api/routing-rules', {
        eventCode: event,
        district: 'Ursus',
        unitCode: 'ud',
      });
      expect(office.json()).toMatchObject({ unitCode: 'UD' });
      const preview = await call(
        'admin',
        'GET',
        `/api/routing-rules/preview?eventCode=${event}&district=Ursus`,
      );
      expect(preview.json()).toMatchObject({ unitCode: 'UD-URSUS' });
      expect(
        (await call('admin', 'DELETE', `/api/routing-rules/${office.json<{ id: number }>().id}`)).statusCode,
      ).toBe(200);
    });

    it('times new cases of the event by its own SLA policy', async () => {
      const bad: [Json, string][] = [
        [{ escalationPercents: [150, 100] }, 'escalationPercents'],
        [{ escalationPercents: [90] }, 'escalationPercents.0'],
        [{ warnAtPercent: 100 }, 'warnAtPercent'],
        [{ calendar: 'LUNAR' }, 'calendar'],
        [{ priority: 'urgent' }, 'eventCode'],
        [{ firstResponseMinutes: 90 }, 'firstResponseMinutes'],
        [{ eventCode: 'NO_SUCH_EVENT' }, 'eventCode'],
      ];
      const valid = {
        name: `Test ${tag}`,
        eventCode: event,
        firstResponseMinutes: 30,
        resolutionMinutes: 60,
        calendar: 'ALWAYS',
        warnAtPercent: 80,
        escalationPercents: [100, 200],
      };
      for (const [change, field] of bad) {
        const response = await call('admin', 'POST', '/api/sla-policies', { ...valid, ...change });
        expect({ change, status: response.statusCode }).toEqual({ change, status: 422 });
        expect(response.json<{ errors: Json }>().errors).toHaveProperty([field]);
      }

      const created = await call('admin', 'POST', '/api/sla-policies', valid);
      expect(created.statusCode).toBe(201);
      const policyId = created.json<{ id: number }>().id;
      const twice = await call('admin', 'POST', '/api/sla-policies', valid);
      expect(twice.statusCode).toBe(409);
      expect(twice.json<{ errors: Json }>().errors).toHaveProperty('eventCode');

      const caseId = await fileCase(event, 'Bemowo');
      const routed = await forwardedTo(caseId);
      const minutes = (Date.parse(routed.resolutionDueAt) - Date.parse(routed.createdAt)) / 60_000;
      // ALWAYS calendar: 60 minutes of wall-clock time from routing, which follows filing within seconds.
      expect(minutes).toBeGreaterThanOrEqual(60);
      expect(minutes).toBeLessThan(61);

      const used = await call('admin', 'DELETE', `/api/sla-policies/${policyId}`);
      expect(used.statusCode).toBe(409);
      expect(used.json<{ message: string }>().message).toMatch(/timed 1 case.*deactivate/);
      const listed = await call('manager', 'GET', list('sla-policies', { eventCode: event }));
      expect(listed.json()).toEqual([
        expect.objectContaining({ id: policyId, calendar: 'ALWAYS', resolutionMinutes: 60 }),
      ]);
      const off = await call('admin', 'PUT', `/api/sla-policies/${policyId}`, { active: false });
      expect(off.json()).toMatchObject({ active: false });
    });

    it('keeps the default policy of normal priority active', async () => {
      const defaults = await call(
        'admin',
        'GET',
        list('sla-policies', { isDefault: true, priority: 'normal', active: true }),
      );
      const [normal] = defaults.json<{ id: number }[]>();
      const response = await call('admin', 'PUT', `/api/sla-policies/${normal!.id}`, { active: false });
      expect(response.statusCode).toBe(422);
      expect(response.json<{ errors: Json }>().errors).toHaveProperty('active');
    });

    it('stops accepting a deactivated event from residents', async () => {
      const off = await call('admin', 'PUT', `/api/taxonomy-events/${event}`, { active: false });
      expect(off.json()).toMatchObject({ active: false });
      const refused = await fixture.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          kind: 'INCIDENT',
          eventCode: event,
          description: 'Po wyłączeniu zdarzenia',
          district: 'Wola',
        },
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json<{ errors: Json }>().errors).toHaveProperty('eventCode');
      const publicTaxonomy = await fixture.app.inject({ method: 'GET', url: '/api/v1/taxonomy' });
      expect(publicTaxonomy.body).not.toContain(event);
    });

    it('refuses to delete what is in use, naming the users, and deletes what is not', async () => {
      const subcategoryInUse = await call('admin', 'DELETE', `/api/subcategories/${subcategory}`);
      expect(subcategoryInUse.statusCode).toBe(409);
      expect(subcategoryInUse.json<{ message: string }>().message).toContain(event);
      const eventInUse = await call('admin', 'DELETE', `/api/taxonomy-events/${event}`);
      expect(eventInUse.statusCode).toBe(409);
      expect(eventInUse.json<{ message: string }>().message).toMatch(/case\(s\).*SLA polic/);

      const spare = `SPARE_${tag}`;
      const created = await call('admin', 'POST', '/api/taxonomy-events', {
        code: spare,
        subcategory: 'ROADS',
        name: 'Zapasowe',
        nameEn: 'Spare',
        defaultUnit: 'UD',
        priority: 'low',
        resolutionHours: 8,
      });
      expect(created.statusCode).toBe(201);
      expect((await call('admin', 'DELETE', `/api/taxonomy-events/${spare}`)).statusCode).toBe(200);
      expect((await call('admin', 'GET', `/api/taxonomy-events/${spare}`)).statusCode).toBe(404);
      expect((await call('admin', 'GET', list('routing-rules', { eventCode: spare }))).json()).toEqual([]);
    });

    it('lets clerks read the taxonomy, managers read rules and policies, and only administrators write', async () => {
      expect((await call('clerk', 'GET', '/api/taxonomy-events')).statusCode).toBe(200);
      expect((await call('clerk', 'GET', '/api/subcategories')).statusCode).toBe(200);
      expect((await call('clerk', 'GET', '/api/routing-rules')).statusCode).toBe(403);
      expect((await call('clerk', 'GET', '/api/sla-policies')).statusCode).toBe(403);
      for (const url of [
        '/api/taxonomy-events',
        '/api/subcategories',
        '/api/routing-rules',
        '/api/sla-policies',
      ]) {
        expect({ url, status: (await call('zdm', 'GET', url)).statusCode }).toEqual({ url, status: 403 });
        expect({ url, status: (await call('manager', 'GET', url)).statusCode }).toEqual({ url, status: 200 });
      }
      const writes: [string, string, Json][] = [
        ['PUT', `/api/taxonomy-events/${event}`, { active: true }],
        ['PUT', `/api/subcategories/${subcategory}`, { name: 'Przejęta' }],
        ['POST', '/api/routing-rules', { eventCode: event, district: 'Wola', unitCode: 'ZDM' }],
        [
          'POST',
          '/api/sla-policies',
          { name: 'x', priority: 'low', firstResponseMinutes: 1, resolutionMinutes: 2 },
        ],
      ];
      for (const who of ['manager', 'clerk', 'zdm']) {
        for (const [method, url, body] of writes) {
          const status = (await call(who, method as 'PUT' | 'POST', url, body)).statusCode;
          expect({ who, url, status }).toEqual({ who, url, status: 403 });
        }
      }
    });
  });

  describe('units', () => {
    const code = `TEST-${tag}`;

    it('adds a unit, refuses a taken code or a reserved one, and lists it by filter', async () => {
      const created = await call('admin', 'POST', '/api/units', {
        code: code.toLowerCase(),
        name: 'Jednostka testowa',
        nameEn: 'Test unit',
        email: 'unit@example.org',
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        id: code,
        active: true,
        hasConnector: false,
        hasWebhookSecret: false,
      });
      expect((await call('admin', 'POST', '/api/units', { code, name: 'x', nameEn: 'x' })).statusCode).toBe(
        409,
      );
      const reserved = await call('admin', 'POST', '/api/units', { code: 'UD', name: 'x', nameEn: 'x' });
      expect(reserved.statusCode).toBe(422);
      expect(reserved.json<{ errors: Json }>().errors).toHaveProperty('code');
      const listed = await call('clerk', 'GET', list('units', { q: tag, active: true }));
      expect(listed.json<Json[]>().map((u) => u.code)).toEqual([code]);
    });

    it('keeps one active district office per district', async () => {
      const response = await call('admin', 'PUT', `/api/units/${code}`, { district: 'Wola' });
      expect(response.statusCode).toBe(422);
      expect(response.json<{ errors: { district: string } }>().errors.district).toContain('UD-WOLA');
    });

    it('takes a webhook secret but never shows it, and shows the URL to administrators only', async () => {
      const noSecret = await call('admin', 'PUT', `/api/units/${code}`, {
        webhookUrl: 'https://unit.example.org/hook',
      });
      expect(noSecret.statusCode).toBe(422);
      expect(noSecret.json<{ errors: Json }>().errors).toHaveProperty('webhookSecret');
      const badUrl = await call('admin', 'PUT', `/api/units/${code}`, {
        webhookUrl: 'ftp://unit.example.org',
      });
      expect(badUrl.json<{ errors: Json }>().errors).toHaveProperty('webhookUrl');

      const secret = 'a-shared-secret-of-the-unit';
      const saved = await call('admin', 'PUT', `/api/units/${code}`, {
        webhookUrl: 'https://unit.example.org/hook',
        webhookSecret: secret,
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({
        hasConnector: true,
        hasWebhookSecret: true,
        webhookUrl: 'https://unit.example.org/hook',
      });
      expect(saved.body).not.toContain(secret);

      // react-admin saves the whole record without the secret: the secret stays.
      const renamed = await call('admin', 'PUT', `/api/units/${code}`, {
        ...saved.json<Json>(),
        name: 'Nowa nazwa',
      });
      expect(renamed.json()).toMatchObject({ name: 'Nowa nazwa', hasWebhookSecret: true });
      const asStaff = await call('zdm', 'GET', `/api/units/${code}`);
      expect(asStaff.statusCode).toBe(200);
      expect(asStaff.json()).toMatchObject({ webhookUrl: null, hasConnector: true });

      const trail = await auditTrail('units', code);
      expect(JSON.stringify(trail)).not.toContain(secret);
      expect(trail[1]!.changes.webhookSecret).toEqual({ from: null, to: '[secret]' });

      const cleared = await call('admin', 'PUT', `/api/units/${code}`, {
        webhookUrl: null,
        clearWebhookSecret: true,
      });
      expect(cleared.json()).toMatchObject({ hasConnector: false, hasWebhookSecret: false });
    });

    it('routes nothing to a deactivated unit, and takes no rules for it', async () => {
      const off = await call('admin', 'PUT', `/api/units/${code}`, { active: false });
      expect(off.json()).toMatchObject({ active: false });
      const rule = await call('admin', 'POST', '/api/routing-rules', {
        eventCode: 'POTHOLE',
        district: 'Wola',
        unitCode: code,
      });
      expect(rule.statusCode).toBe(422);
      expect(rule.json<{ errors: { unitCode: string } }>().errors.unitCode).toContain('not active');
    });

    it('lets every back-office role read units and only administrators change them', async () => {
      for (const who of ['clerk', 'manager', 'zdm']) {
        expect((await call(who, 'GET', '/api/units')).statusCode).toBe(200);
        expect((await call(who, 'PUT', `/api/units/${code}`, { name: 'Przejęta' })).statusCode).toBe(403);
        expect(
          (await call(who, 'POST', '/api/units', { code: `X${tag}`, name: 'x', nameEn: 'x' })).statusCode,
        ).toBe(403);
      }
    });
  });
});
