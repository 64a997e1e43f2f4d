import { XMLParser } from 'fast-xml-parser';
import { seedDemoAnnouncements } from '../../db/seed/seed-demo-announcements';
import { startTestApp, type TestApp } from '../support/integration';

interface AnnouncementRecord {
  id: string;
  kind: string;
  title: { pl: string; en: string };
  body: { pl: string; en: string };
  districts: string[];
  validFrom: string;
  validTo: string | null;
  published: boolean;
  state: 'current' | 'scheduled' | 'expired' | 'draft';
  createdBy: string;
  updatedBy: string;
}

interface PublicAnnouncement {
  id: string;
  kind: string;
  title: { pl: string; en: string };
  districts: string[];
  validFrom: string;
  validTo: string | null;
}

const PUBLIC_URL = 'https://19115.example.test';
const HOUR = 60 * 60 * 1000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/**
 * The city's announcements: clerks, managers and administrators publish them in the back office;
 * residents read the current ones from the API and the Atom feed, by district.
 */
describe('city announcements', () => {
  let fixture: TestApp;
  const createdIds: string[] = [];
  /** This file's announcements carry the run's mark, so other files' ones never confuse it. */
  const mark = `T${Date.now().toString(36)}`;
  const mine = <T extends { title: { pl: string } }>(items: T[]) =>
    items.filter((item) => item.title.pl.includes(mark));

  beforeAll(async () => {
    fixture = await startTestApp({ demoUsers: true, config: { PUBLIC_URL } });
  });
  afterAll(async () => {
    for (const id of createdIds) await call('admin', 'DELETE', `/api/announcements/${id}`);
    await fixture.close();
  });

  async function call(
    username: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) {
    const authorization = username ? { authorization: await fixture.authorization(username) } : {};
    return fixture.app.inject({
      method,
      url,
      headers: { ...authorization, ...headers },
      payload: payload as Record<string, unknown>,
    });
  }

  function announcement(overrides: Record<string, unknown> & { name: string }) {
    const { name, ...rest } = overrides;
    return {
      kind: 'NEWS',
      title: { pl: `${mark} ${name} (pl)`, en: `${mark} ${name} (en)` },
      body: { pl: `Treść: ${name}`, en: `Text: ${name}` },
      districts: [],
      validFrom: at(-HOUR),
      validTo: null,
      published: true,
      ...rest,
    };
  }

  async function create(username: string, body: Record<string, unknown>): Promise<AnnouncementRecord> {
    const response = await call(username, 'POST', '/api/announcements', body);
    expect(response.statusCode).toBe(201);
    const record = response.json<AnnouncementRecord>();
    createdIds.push(record.id);
    return record;
  }

  async function current(query = ''): Promise<PublicAnnouncement[]> {
    const response = await call(null, 'GET', `/api/v1/announcements${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<{ items: PublicAnnouncement[] }>().items;
  }

  describe('residents see only current, published announcements', () => {
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const fixtures = {
        news: announcement({ name: 'news' }),
        alert: announcement({ name: 'alert', kind: 'ALERT', validTo: at(HOUR) }),
        outage: announcement({ name: 'outage', kind: 'WATER_OUTAGE', districts: ['Mokotów'] }),
        closure: announcement({ name: 'closure', kind: 'ROAD_CLOSURE', districts: ['Wola'] }),
        scheduled: announcement({ name: 'scheduled', kind: 'EVENT', validFrom: at(24 * HOUR) }),
        expired: announcement({
          name: 'expired',
          kind: 'ROAD_CLOSURE',
          validFrom: at(-48 * HOUR),
          validTo: at(-24 * HOUR),
        }),
        draft: announcement({ name: 'draft', published: false }),
      };
      for (const [name, body] of Object.entries(fixtures)) ids[name] = (await create('clerk', body)).id;
    });

    it('lists the current ones, alerts and water outages first, then the newest', async () => {
      const items = mine(await current());
      expect(items.map((item) => item.id).sort()).toEqual(
        [ids.news, ids.alert, ids.outage, ids.closure].sort(),
      );
      const urgent = items.findIndex((item) => item.kind !== 'ALERT' && item.kind !== 'WATER_OUTAGE');
      expect(
        items
          .slice(0, urgent)
          .map((item) => item.id)
          .sort(),
      ).toEqual([ids.alert, ids.outage].sort());
      const all = await current();
      const lastUrgent = all.map((item) => item.kind).lastIndexOf('WATER_OUTAGE');
      const firstOther = all.findIndex((item) => item.kind !== 'ALERT' && item.kind !== 'WATER_OUTAGE');
      expect(Math.max(lastUrgent, all.map((i) => i.kind).lastIndexOf('ALERT'))).toBeLessThan(firstOther);
    });

    it("filters by district: that district's announcements and the city-wide ones", async () => {
      const mokotow = mine(await current(`?district=${encodeURIComponent('Mokotów')}`));
      expect(mokotow.map((item) => item.id).sort()).toEqual([ids.news, ids.alert, ids.outage].sort());
      const wola = mine(await current('?district=Wola'));
      expect(wola.map((item) => item.id).sort()).toEqual([ids.news, ids.alert, ids.closure].sort());
      const alerts = mine(await current('?kind=ALERT'));
      expect(alerts.map((item) => item.id)).toEqual([ids.alert]);
    });

    it('refuses a district the city does not have, naming it', async () => {
      const response = await call(null, 'GET', '/api/v1/announcements?district=Atlantyda');
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        errors: { 'query.district': expect.stringContaining('Atlantyda') },
      });
      const unknownParameter = await call(null, 'GET', '/api/v1/announcements?distrct=Wola');
      expect(unknownParameter.statusCode).toBe(400);
    });

    it('lists each state in the back office', async () => {
      const list = async (state: string) => {
        const filter = encodeURIComponent(JSON.stringify({ state, q: mark }));
        const response = await call('manager', 'GET', `/api/announcements?filter=${filter}&range=[0,99]`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-range']).toMatch(/^announcements \d+-\d+\/\d+$/);
        return response
          .json<AnnouncementRecord[]>()
          .map((record) => record.id)
          .sort();
      };
      expect(await list('current')).toEqual([ids.news, ids.alert, ids.outage, ids.closure].sort());
      expect(await list('scheduled')).toEqual([ids.scheduled]);
      expect(await list('expired')).toEqual([ids.expired]);
      expect(await list('draft')).toEqual([ids.draft]);
    });
  });

  describe('the Atom feed', () => {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (name) => ['entry', 'link', 'category'].includes(name),
    });
    const tricky = 'Utrudnienia <b>"Most" & \'Trasa\'</b>';
    let escapedId: string;
    let wolaId: string;
    let ochotaId: string;

    beforeAll(async () => {
      const body = { pl: 'Objazd: <script>alert(1)</script> & więcej', en: 'Detour: <i>via</i> A & B' };
      const tricked = (en: string) =>
        announcement({
          name: tricky,
          kind: 'ROAD_CLOSURE',
          districts: ['Wola', 'Bemowo'],
          body: { ...body, en },
        });
      const withBell = tricked(`${body.en}\u0007`);
      // The API refuses a control character outright...
      const refused = await call('manager', 'POST', '/api/announcements', withBell);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toHaveProperty(['body.body.en']);
      // ...and the feed still drops one that reached the table some other way (an import, old data).
      escapedId = (await create('manager', tricked(body.en))).id;
      await fixture.orm.em
        .fork()
        .execute(`update announcements set body_en = body_en || chr(7) where id = ?`, [escapedId]);
      wolaId = (await create('clerk', announcement({ name: 'wola news', districts: ['Wola'] }))).id;
      ochotaId = (
        await create('clerk', announcement({ name: 'ochota event', kind: 'EVENT', districts: ['Ochota'] }))
      ).id;
    });

    async function feed(query: string, headers: Record<string, string> = {}) {
      return call(null, 'GET', `/api/v1/announcements/feed.atom${query}`, undefined, headers);
    }

    interface Entry {
      id: string;
      title: { '#text': string };
      content: { '#text': string };
      category: { '@term': string; '@label'?: string }[];
      link: { '@href': string }[];
      updated: string;
    }

    it('is Atom 1.0 with the entries of the district in the asked language, text escaped', async () => {
      const response = await feed(`?lang=en&district=Wola`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      // Escaped in the document, the same text again once parsed.
      expect(response.body).not.toContain('<b>');
      expect(response.body).not.toContain('<i>');
      expect(response.body).toContain('&lt;b&gt;');
      const document = parser.parse(response.body) as {
        feed: {
          '@xmlns': string;
          '@xml:lang': string;
          id: string;
          updated: string;
          link: { '@rel': string; '@href': string }[];
          author: { name: string };
          entry: Entry[];
        };
      };
      const { feed: atom } = document;
      expect(atom['@xmlns']).toBe('http://www.w3.org/2005/Atom');
      expect(atom['@xml:lang']).toBe('en');
      expect(atom.id).toBe(`${PUBLIC_URL}/api/v1/announcements/feed.atom?lang=en&district=Wola`);
      expect(atom.link).toContainEqual(expect.objectContaining({ '@rel': 'self', '@href': atom.id }));
      expect(Number.isNaN(Date.parse(atom.updated))).toBe(false);
      expect(atom.author.name).toBeTruthy();
      const entries = atom.entry.filter((entry) => entry.title['#text'].includes(mark));
      const entryIds = entries.map((entry) => entry.id);
      expect(entryIds).toEqual(expect.arrayContaining([`urn:uuid:${escapedId}`, `urn:uuid:${wolaId}`]));
      expect(entryIds).not.toContain(`urn:uuid:${ochotaId}`);
      expect(entries.every((entry) => entry.title['#text'].endsWith('(en)'))).toBe(true);
      const escaped = entries.find((entry) => entry.id === `urn:uuid:${escapedId}`)!;
      expect(escaped.title['#text']).toBe(`${mark} ${tricky} (en)`);
      expect(escaped.content['#text']).toBe('Detour: <i>via</i> A & B');
      expect(escaped.category.map((c) => c['@term']).sort()).toEqual(['Bemowo', 'ROAD_CLOSURE', 'Wola']);
      expect(escaped.category).toContainEqual(
        expect.objectContaining({ '@term': 'ROAD_CLOSURE', '@label': 'Road closure' }),
      );
      expect(escaped.link[0]['@href']).toBe(`${PUBLIC_URL}/portal/announcements#announcement-${escapedId}`);
      expect(atom.entry.every((entry) => Date.parse(entry.updated) <= Date.parse(atom.updated))).toBe(true);
    });

    it('speaks Polish when asked, and answers 304 to a reader that has the same feed', async () => {
      const polish = await feed('?lang=pl&district=Wola');
      expect(polish.statusCode).toBe(200);
      const parsed = parser.parse(polish.body) as { feed: { entry: Entry[] } };
      const titles = parsed.feed.entry.map((entry) => entry.title['#text']);
      expect(titles).toContain(`${mark} wola news (pl)`);
      expect(titles).not.toContain(`${mark} wola news (en)`);
      const category = parsed.feed.entry
        .find((entry) => entry.id === `urn:uuid:${escapedId}`)!
        .category.find((c) => c['@term'] === 'ROAD_CLOSURE');
      expect(category?.['@label']).toBe('Utrudnienia drogowe');

      const etag = polish.headers.etag as string;
      expect(etag).toMatch(/^".+"$/);
      expect(polish.headers['cache-control']).toContain('max-age');
      const again = await feed('?lang=pl&district=Wola', { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    });

    it('refuses an unknown language or district', async () => {
      expect((await feed('?lang=de')).statusCode).toBe(400);
      const unknown = await feed('?district=Atlantyda');
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<{ message: string }>().message).toContain('Atlantyda');
    });
  });

  describe('the back office', () => {
    it('lets clerks, managers and administrators publish, and audits every change', async () => {
      const created = await create(
        'clerk',
        announcement({ name: 'crud', kind: 'WATER_OUTAGE', districts: ['Bielany'] }),
      );
      expect(created).toMatchObject({
        state: 'current',
        createdBy: 'clerk',
        updatedBy: 'clerk',
        districts: ['Bielany'],
      });

      const changed = await call('manager', 'PUT', `/api/announcements/${created.id}`, {
        ...created,
        title: { pl: `${mark} crud zmieniony`, en: `${mark} crud changed` },
        validTo: at(2 * HOUR),
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json<AnnouncementRecord>()).toMatchObject({
        updatedBy: 'manager',
        createdBy: 'clerk',
        title: { pl: `${mark} crud zmieniony` },
      });

      const withdrawn = await call('admin', 'PUT', `/api/announcements/${created.id}`, { published: false });
      expect(withdrawn.json<AnnouncementRecord>().state).toBe('draft');
      expect((await current()).map((item) => item.id)).not.toContain(created.id);

      const fetched = await call('clerk', 'GET', `/api/announcements/${created.id}`);
      expect(fetched.json<AnnouncementRecord>().title.en).toBe(`${mark} crud changed`);

      const removed = await call('admin', 'DELETE', `/api/announcements/${created.id}`);
      expect(removed.statusCode).toBe(200);
      expect((await call('admin', 'GET', `/api/announcements/${created.id}`)).statusCode).toBe(404);

      const trail = await fixture.orm.em
        .fork()
        .execute<{ action: string; actor_username: string; changes: Record<string, unknown> }[]>(
          `select action, actor_username, changes from config_changes
            where resource = 'announcements' and record_id = ? order by id`,
          [created.id],
        );
      expect(trail.map((row) => [row.action, row.actor_username])).toEqual([
        ['create', 'clerk'],
        ['update', 'manager'],
        ['update', 'admin'],
        ['delete', 'admin'],
      ]);
      expect(Object.keys(trail[1].changes).sort()).toEqual(['titleEn', 'titlePl', 'validTo']);
      expect(trail[2].changes).toEqual({ published: { from: true, to: false } });
    });

    it('keeps unit staff and anonymous callers out', async () => {
      const record = await create('admin', announcement({ name: 'roles' }));
      const body = announcement({ name: 'intruder' });
      for (const [username, status] of [
        [null, 401],
        ['zdm', 403],
      ] as const) {
        expect((await call(username, 'GET', '/api/announcements')).statusCode).toBe(status);
        expect((await call(username, 'GET', `/api/announcements/${record.id}`)).statusCode).toBe(status);
        expect((await call(username, 'POST', '/api/announcements', body)).statusCode).toBe(status);
        expect(
          (await call(username, 'PUT', `/api/announcements/${record.id}`, { published: false })).statusCode,
        ).toBe(status);
        expect((await call(username, 'DELETE', `/api/announcements/${record.id}`)).statusCode).toBe(status);
      }
      const unchanged = await call('admin', 'GET', `/api/announcements/${record.id}`);
      expect(unchanged.json<AnnouncementRecord>().published).toBe(true);
    });

    it('answers 422 naming the field, and stores nothing', async () => {
      const refused = async (
        body: unknown,
        field: string,
        url = '/api/announcements',
        method: 'POST' | 'PUT' = 'POST',
      ) => {
        const response = await call('clerk', method, url, body);
        expect(response.statusCode).toBe(422);
        const answer = response.json<{ message: string; errors: Record<string, string> }>();
        expect(Object.keys(answer.errors)).toContain(field);
        expect(answer.message).toContain(field);
        return answer;
      };
      const valid = announcement({ name: 'refused' });
      await refused({ ...valid, title: { pl: 'Tytuł' } }, 'title.en');
      await refused({ ...valid, body: { pl: '   ', en: 'x' } }, 'body.pl');
      await refused({ ...valid, kind: 'GOSSIP' }, 'kind');
      await refused({ ...valid, validFrom: 'tomorrow' }, 'validFrom');
      await refused({ ...valid, validFrom: at(HOUR), validTo: at(-HOUR) }, 'validTo');
      const unknown = await refused({ ...valid, districts: ['Wola', 'Atlantyda'] }, 'districts');
      expect(unknown.errors.districts).toContain('Atlantyda');

      const record = await create('clerk', announcement({ name: 'window' }));
      await refused({ validTo: at(-2 * HOUR) }, 'validTo', `/api/announcements/${record.id}`, 'PUT');
      await refused({ districts: ['Narnia'] }, 'districts', `/api/announcements/${record.id}`, 'PUT');

      const filter = encodeURIComponent(JSON.stringify({ q: `${mark} refused` }));
      const stored = await call('admin', 'GET', `/api/announcements?filter=${filter}`);
      expect(stored.json()).toEqual([]);
      const after = await call('admin', 'GET', `/api/announcements/${record.id}`);
      expect(after.json<AnnouncementRecord>()).toMatchObject({ validTo: null, districts: [] });
    });

    it('has the database refuse a validity window that ends before it starts', async () => {
      await expect(
        fixture.orm.em.fork().execute(
          `insert into announcements (kind, title_pl, title_en, body_pl, body_en, valid_from, valid_to, created_by, updated_by)
           values ('NEWS', 'a', 'a', 'a', 'a', now(), now() - interval '1 hour', 'test', 'test')`,
        ),
      ).rejects.toThrow(/announcements_validity/);
    });
  });

  it('seeds demo announcements that are current on a fresh start, once', async () => {
    await fixture.orm.em.fork().execute(`delete from announcements where created_by = 'demo'`);
    expect((await seedDemoAnnouncements(fixture.orm)).created).toBeGreaterThanOrEqual(4);
    expect((await seedDemoAnnouncements(fixture.orm)).created).toBe(0);
    const items = await current();
    const demo = items.filter((item) => item.id.startsWith('6f1d0c52-'));
    expect(new Set(demo.map((item) => item.kind))).toEqual(
      new Set(['ALERT', 'WATER_OUTAGE', 'ROAD_CLOSURE', 'EVENT', 'NEWS']),
    );
    // Other files' pages should not carry this file's leftovers.
    await fixture.orm.em.fork().execute(`delete from announcements where created_by = 'demo'`);
  });
});
