import { startTestApp, type TestApp } from '../support/integration';

/** Administrators manage Open311 client applications: a key is shown once, and can be switched off. */
describe('Open311 client keys in the back office', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    fixture = await startTestApp({ demoUsers: true });
  });
  afterAll(() => fixture.close());

  const postRequest = (apiKey: string) =>
    fixture.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: apiKey,
        service_code: 'GRAFFITI',
        lat: '52.2319',
        long: '21.0067',
        description: 'Graffiti na wiacie przystanku',
      }).toString(),
    });

  it('issues a key once, lets it file requests, and refuses it once switched off', async () => {
    const admin = await fixture.authorization('admin');
    const created = await fixture.app.inject({
      method: 'POST',
      url: '/api/open311-clients',
      headers: { authorization: admin },
      payload: { name: 'Aplikacja dzielnicowa' },
    });
    expect(created.statusCode).toBe(201);
    const { id, apiKey } = created.json<{ id: string; apiKey: string }>();
    expect(apiKey).toMatch(/^o311_/);

    const listed = await fixture.app.inject({
      method: 'GET',
      url: '/api/open311-clients',
      headers: { authorization: admin },
    });
    expect(listed.headers['content-range']).toMatch(/^open311-clients 0-\d+\/\d+$/);
    expect(listed.body).not.toContain(apiKey);
    expect(listed.json()).toEqual(expect.arrayContaining([expect.objectContaining({ id, active: true })]));

    expect((await postRequest(apiKey)).statusCode).toBe(200);
    const used = await fixture.app.inject({
      method: 'GET',
      url: `/api/open311-clients/${id}`,
      headers: { authorization: admin },
    });
    expect(used.json().lastUsedAt).toEqual(expect.any(String));

    const off = await fixture.app.inject({
      method: 'PUT',
      url: `/api/open311-clients/${id}`,
      headers: { authorization: admin },
      payload: { active: false },
    });
    expect(off.json().active).toBe(false);
    expect((await postRequest(apiKey)).statusCode).toBe(403);

    // Keys are security settings: issuing and switching off are in the history, the key never is.
    const history = await fixture.app.inject({
      method: 'GET',
      url: `/api/config-changes?filter=${encodeURIComponent(JSON.stringify({ resource: 'open311-clients', recordId: id }))}&sort=${encodeURIComponent('["id","ASC"]')}`,
      headers: { authorization: admin },
    });
    expect(history.statusCode).toBe(200);
    expect(history.body).not.toContain(apiKey);
    expect(history.json()).toEqual([
      expect.objectContaining({
        actor: 'admin',
        action: 'create',
        changes: { name: { from: null, to: 'Aplikacja dzielnicowa' }, active: { from: null, to: true } },
      }),
      expect.objectContaining({
        actor: 'admin',
        action: 'update',
        changes: { active: { from: true, to: false } },
      }),
    ]);
  });

  it('is for administrators only', async () => {
    for (const username of ['clerk', 'manager', 'zdm']) {
      const response = await fixture.app.inject({
        method: 'POST',
        url: '/api/open311-clients',
        headers: { authorization: await fixture.authorization(username) },
        payload: { name: 'Nie wolno' },
      });
      expect(response.statusCode).toBe(403);
    }
  });
});
