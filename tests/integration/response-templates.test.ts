import { randomUUID } from 'node:crypto';
import { DEFAULT_RESPONSE_TEMPLATES } from '../../db/seed/seed-response-templates';
import { startTestApp, type TestApp } from '../support/integration';

interface TemplateRecord {
  id: string;
  name: string;
  action: 'answer' | 'resolve' | 'request-info' | 'any';
  language: 'pl' | 'en';
  body: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * Administrators and managers keep the texts notes to residents start from; clerks and unit staff
 * pick from the active ones.
 */
describe('response templates in the back office', () => {
  let fixture: TestApp;
  const createdIds: string[] = [];

  beforeAll(async () => {
    fixture = await startTestApp({ demoUsers: true });
  });
  afterAll(async () => {
    for (const id of createdIds) await call('admin', 'DELETE', `/api/response-templates/${id}`);
    await fixture.close();
  });

  async function call(
    username: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) {
    const headers = username ? { authorization: await fixture.authorization(username) } : {};
    return fixture.app.inject({ method, url, headers, payload: payload as Record<string, unknown> });
  }

  const filterQuery = (filter: Record<string, unknown>) =>
    `/api/response-templates?filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,99]`;

  async function create(username: string | null, template: Record<string, unknown>) {
    const response = await call(username, 'POST', '/api/response-templates', template);
    if (response.statusCode === 201) createdIds.push(response.json<TemplateRecord>().id);
    return response;
  }

  it('ships the default templates in Polish and English for every action', async () => {
    const listed = await call('clerk', 'GET', filterQuery({}));
    expect(listed.statusCode).toBe(200);
    const templates = listed.json<TemplateRecord[]>();
    for (const seeded of DEFAULT_RESPONSE_TEMPLATES) {
      expect(templates).toContainEqual(expect.objectContaining({ ...seeded, active: true }));
    }
    const languages = new Set(templates.map((t) => t.language));
    expect(languages).toEqual(new Set(['pl', 'en']));
    for (const action of ['answer', 'resolve', 'request-info'] as const) {
      expect(templates.some((t) => t.action === action)).toBe(true);
    }
  });

  it('documents its routes in the OpenAPI document', async () => {
    const response = await fixture.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    expect(Object.keys(paths['/api/response-templates'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/response-templates/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
  });

  it('creates, reads, changes and deletes a template as a manager', async () => {
    const created = await create('manager', {
      name: 'Prośba o numer rejestracyjny',
      action: 'request-info',
      language: 'pl',
      body: 'Dzień dobry,\n\nw sprawie zgłoszenia {{caseNumber}} prosimy o numer rejestracyjny pojazdu.',
    });
    expect(created.statusCode).toBe(201);
    const template = created.json<TemplateRecord>();
    expect(template).toMatchObject({ action: 'request-info', language: 'pl', active: true });

    const read = await call('clerk', 'GET', `/api/response-templates/${template.id}`);
    expect(read.json()).toEqual(template);

    // react-admin sends the whole record back on edit.
    const changed = await call('admin', 'PUT', `/api/response-templates/${template.id}`, {
      ...template,
      action: 'any',
      body: `${template.body} Zdjęcie też pomoże.`,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      id: template.id,
      action: 'any',
      body: expect.stringContaining('Zdjęcie'),
    });

    const fitting = await call('zdm', 'GET', filterQuery({ action: ['resolve', 'any'], language: 'pl' }));
    expect(fitting.json<TemplateRecord[]>().map((t) => t.id)).toContain(template.id);
    expect(fitting.json<TemplateRecord[]>().every((t) => ['resolve', 'any'].includes(t.action))).toBe(true);
    expect(fitting.headers['content-range']).toMatch(/^response-templates 0-\d+\/\d+$/);

    const removed = await call('manager', 'DELETE', `/api/response-templates/${template.id}`);
    expect(removed.statusCode).toBe(200);
    expect((await call('admin', 'GET', `/api/response-templates/${template.id}`)).statusCode).toBe(404);
  });

  it('hides switched-off templates from clerks and unit staff, not from those who keep them', async () => {
    const created = await create('admin', {
      name: 'Stary tekst',
      action: 'answer',
      language: 'en',
      body: 'Hello, about {{caseNumber}}: …',
      active: false,
    });
    const { id } = created.json<TemplateRecord>();
    for (const who of ['clerk', 'zdm']) {
      expect({ who, status: (await call(who, 'GET', `/api/response-templates/${id}`)).statusCode }).toEqual({
        who,
        status: 404,
      });
      const everything = await call(who, 'GET', filterQuery({ active: false }));
      expect(everything.json<TemplateRecord[]>().map((t) => t.id)).not.toContain(id);
    }
    for (const who of ['admin', 'manager']) {
      const inactive = (await call(who, 'GET', filterQuery({ active: false }))).json<TemplateRecord[]>();
      expect(inactive.map((t) => t.id)).toContain(id);
      expect(inactive.every((t) => !t.active)).toBe(true);
    }
  });

  it('lets only administrators and managers write', async () => {
    const [seeded] = (await call('admin', 'GET', filterQuery({}))).json<TemplateRecord[]>();
    const body = { name: 'Nieuprawniony', action: 'any', language: 'pl', body: 'Tekst' };
    for (const [who, status] of [
      [null, 401],
      ['clerk', 403],
      ['zdm', 403],
    ] as const) {
      expect({ who, status: (await create(who, body)).statusCode }).toEqual({ who, status });
      const put = await call(who, 'PUT', `/api/response-templates/${seeded.id}`, { name: 'Przejęty' });
      expect({ who, status: put.statusCode }).toEqual({ who, status });
      const del = await call(who, 'DELETE', `/api/response-templates/${seeded.id}`);
      expect({ who, status: del.statusCode }).toEqual({ who, status });
    }
    expect((await call(null, 'GET', filterQuery({}))).statusCode).toBe(401);
    expect((await call('admin', 'GET', `/api/response-templates/${seeded.id}`)).json()).toEqual(seeded);
  });

  it('refuses bad templates, naming the field', async () => {
    const valid = {
      name: 'Poprawny',
      action: 'resolve',
      language: 'pl',
      body: 'Sprawa {{caseNumber}} załatwiona.',
    };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...valid, name: 'x' }, 422, 'name'],
      [{ ...valid, action: 'forward' }, 422, 'action'],
      [{ ...valid, language: 'de' }, 422, 'language'],
      [{ ...valid, body: '   ' }, 422, 'body'],
      [{ ...valid, body: 'x'.repeat(4001) }, 422, 'body'],
      [{ ...valid, body: 'Sprawa {{caseNo}} załatwiona.' }, 422, 'body'],
    ];
    for (const [payload, status, field] of cases) {
      const response = await create('admin', payload);
      expect({ field, status: response.statusCode }).toEqual({ field, status });
      expect(Object.keys(response.json<{ errors: Record<string, string> }>().errors)).toContain(field);
    }
    const extra = await create('admin', { ...valid, extra: true });
    expect(extra.statusCode).toBe(422);
    expect(extra.json().message).toContain('extra');
    const typo = await create('admin', {
      ...valid,
      body: 'Sprawa {{caseNo}} załatwiona.',
    });
    expect(typo.json().errors.body).toContain('{{caseNo}}');

    const first = await create('admin', valid);
    expect(first.statusCode).toBe(201);
    const same = await create('manager', { ...valid, action: 'any' });
    expect(same.statusCode).toBe(409);
    expect(same.json().errors).toHaveProperty('name');
    const english = await create('manager', { ...valid, language: 'en' });
    expect(english.statusCode).toBe(201);

    const renamed = await call(
      'admin',
      'PUT',
      `/api/response-templates/${english.json<TemplateRecord>().id}`,
      {
        language: 'pl',
      },
    );
    expect(renamed.statusCode).toBe(409);
    expect((await call('admin', 'GET', `/api/response-templates/${randomUUID()}`)).statusCode).toBe(404);
    expect((await call('admin', 'GET', '/api/response-templates/not-a-uuid')).statusCode).toBe(400);
  });
});
