import { randomBytes } from 'node:crypto';
import {
  seedKnowledgeBase,
  WARSAW_KNOWLEDGE_BASE,
  type KnowledgeBaseSeed,
} from '../../db/seed/seed-knowledge-base';
import { seedReferenceData } from '../../db/seed/seed-reference-data';
import { startTestApp, type TestApp } from '../support/integration';

interface ArticleRecord {
  id: string;
  slug: string;
  categoryCode: string;
  titlePl: string;
  titleEn: string;
  summaryPl: string;
  summaryEn: string;
  bodyPl: string;
  bodyEn: string;
  keywords: string[];
  published: boolean;
  updatedAt: string;
}

interface SearchItem {
  slug: string;
  category: string;
  title: { pl: string; en: string };
  summary: { pl: string; en: string };
}

/** Letters only, so the word is one token for the search and appears in no seeded article. */
const uniqueWord = (prefix: string) =>
  prefix + [...randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');

/**
 * The knowledge base of City Hall services: residents search and read published articles in Polish
 * and English; administrators and managers keep them in the back office; the Warsaw set is seeded.
 */
describe('the knowledge base', () => {
  let t: TestApp;
  const createdArticles: string[] = [];
  const createdCategories: string[] = [];
  const testCategory = `TEST_${uniqueWord('').toUpperCase().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp({ demoUsers: true });
    const response = await call('admin', 'POST', '/api/knowledge-categories', {
      code: testCategory,
      namePl: 'Kategoria testowa',
      nameEn: 'Test category',
      position: 9000,
    });
    expect(response.statusCode).toBe(201);
    createdCategories.push(testCategory);
  });

  afterAll(async () => {
    for (const id of createdArticles) await call('admin', 'DELETE', `/api/knowledge-articles/${id}`);
    for (const code of createdCategories) await call('admin', 'DELETE', `/api/knowledge-categories/${code}`);
    await t?.close();
  });

  async function call(
    username: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) {
    const headers = username ? { authorization: await t.authorization(username) } : {};
    return t.app.inject({ method, url, headers, payload: payload as Record<string, unknown> });
  }

  const search = async (query: Record<string, string>) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/knowledge/articles?${new URLSearchParams(query).toString()}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: SearchItem[] }>().items;
  };

  const article = (overrides: Record<string, unknown> = {}) => ({
    slug: `test-${uniqueWord('')}`,
    categoryCode: testCategory,
    titlePl: 'Tytuł artykułu testowego',
    titleEn: 'Title of a test article',
    summaryPl: 'Krótkie streszczenie',
    summaryEn: 'A short summary',
    bodyPl: 'Pierwszy akapit.\n\nDrugi akapit.',
    bodyEn: 'First paragraph.\n\nSecond paragraph.',
    keywords: [],
    published: true,
    ...overrides,
  });

  async function create(username: string, body: Record<string, unknown>) {
    const response = await call(username, 'POST', '/api/knowledge-articles', body);
    if (response.statusCode === 201) createdArticles.push(response.json<ArticleRecord>().id);
    return response;
  }

  describe('for residents', () => {
    it('lists the seeded categories in order with their published articles', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/knowledge/categories' });
      expect(response.statusCode).toBe(200);
      const { items } = response.json<{
        items: { code: string; name: { pl: string; en: string }; articles: number }[];
      }>();
      const seededCodes = WARSAW_KNOWLEDGE_BASE.categories.map((category) => category.code);
      expect(items.map((item) => item.code).filter((code) => seededCodes.includes(code))).toEqual(
        seededCodes,
      );
      const documents = items.find((item) => item.code === 'DOCUMENTS');
      expect(documents).toMatchObject({
        name: { pl: 'Dokumenty i meldunek', en: 'Documents and residence registration' },
      });
      expect(documents!.articles).toBeGreaterThanOrEqual(5);
      expect(items.reduce((sum, item) => sum + item.articles, 0)).toBeGreaterThanOrEqual(25);
    });

    it('finds an article without diacritics: "dowod" finds "dowód osobisty"', async () => {
      const items = await search({ q: 'dowod osobisty' });
      expect(items[0]).toMatchObject({
        slug: 'dowod-osobisty',
        category: 'DOCUMENTS',
        title: { pl: 'Dowód osobisty: wniosek i odbiór', en: 'ID card: applying and collecting' },
      });
      expect(items[0].summary.en).toMatch(/ID card/);
    });

    it('finds the registration article by "meldunek", "zameldowanie" and the verb, in any case', async () => {
      for (const q of ['meldunek', 'zameldowanie', 'Jak się ZAMELDOWAĆ?', 'meldunku']) {
        const items = await search({ q });
        expect(items.map((item) => item.slug)).toContain('zameldowanie');
        expect(items[0].slug).toBe('zameldowanie');
      }
    });

    it('ranks in the language asked for and returns both texts', async () => {
      const english = await search({ q: 'bulky waste', lang: 'en' });
      expect(english[0].slug).toBe('odbior-odpadow-wielkogabarytowych');
      expect(english[0].title.pl).toMatch(/wielkogabarytowych/);
      const polish = await search({ q: 'gabaryty', lang: 'pl' });
      expect(polish[0].slug).toBe('odbior-odpadow-wielkogabarytowych');
    });

    it.each([
      ['ID card', 'en', 'dowod-osobisty'],
      ['zgubiłem dowód', 'pl', 'utrata-dowodu-osobistego'],
      ['abonament parkingowy', 'pl', 'abonament-parkingowy-sppn'],
      ['resident parking permit', 'en', 'abonament-parkingowy-sppn'],
      ['segregacja śmieci', 'pl', 'segregacja-odpadow'],
      ['wycinka drzew', 'pl', 'wycinka-drzewa'],
      ['czipowanie psa', 'pl', 'psy-czipowanie-i-oplaty'],
      ['school enrolment', 'en', 'zapisy-do-szkoly-podstawowej'],
      ['hałas w nocy', 'pl', 'skarga-na-halas'],
      ['numer zgłoszenia', 'pl', 'jak-sprawdzic-status-zgloszenia'],
    ])('answers "%s" (%s) with %s first', async (q, lang, slug) => {
      expect((await search({ q, lang }))[0]?.slug).toBe(slug);
    });

    it('ranks a title match above an article that has the word only in its body', async () => {
      const word = uniqueWord('kwarc');
      const inBody = await create(
        'admin',
        article({
          titlePl: 'Artykuł o czymś innym',
          titleEn: 'About something else',
          bodyPl: `Tu ${word} pojawia się w treści. I jeszcze raz ${word}, i ${word}.`,
          bodyEn: `Here ${word} is in the body. And again ${word}, and ${word}.`,
        }),
      );
      const inTitle = await create(
        'admin',
        article({ titlePl: `Usługa ${word}`, titleEn: `The ${word} service` }),
      );
      expect([inBody.statusCode, inTitle.statusCode]).toEqual([201, 201]);
      for (const lang of ['pl', 'en']) {
        const items = await search({ q: word, lang });
        expect(items.map((item) => item.slug)).toEqual([
          inTitle.json<ArticleRecord>().slug,
          inBody.json<ArticleRecord>().slug,
        ]);
      }
    });

    it('searches an edited article by its new words at once, not its old ones', async () => {
      const before = uniqueWord('ametyst');
      const after = uniqueWord('bursztyn');
      const created = await create('admin', article({ titlePl: `Usługa ${before}` }));
      expect(created.statusCode).toBe(201);
      const { id, slug } = created.json<ArticleRecord>();
      expect((await search({ q: before })).map((item) => item.slug)).toEqual([slug]);
      const edited = await call('admin', 'PUT', `/api/knowledge-articles/${id}`, {
        titlePl: `Usługa ${after}`,
      });
      expect(edited.statusCode).toBe(200);
      expect(await search({ q: before })).toEqual([]);
      expect((await search({ q: after })).map((item) => item.slug)).toEqual([slug]);
    });

    it('lists one category, and searches within it', async () => {
      const transport = await search({ category: 'TRANSPORT' });
      expect(transport.length).toBeGreaterThanOrEqual(5);
      expect(new Set(transport.map((item) => item.category))).toEqual(new Set(['TRANSPORT']));
      expect((await search({ q: 'dowod', category: 'WASTE' })).map((item) => item.slug)).not.toContain(
        'dowod-osobisty',
      );
    });

    it('answers an unknown article with 404 and a malformed slug or category with 400', async () => {
      const unknown = await t.app.inject({
        method: 'GET',
        url: '/api/v1/knowledge/articles/no-such-article',
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
      const malformed = await t.app.inject({
        method: 'GET',
        url: '/api/v1/knowledge/articles/Not%20A%20Slug',
      });
      expect(malformed.statusCode).toBe(400);
      const badCategory = await t.app.inject({
        method: 'GET',
        url: '/api/v1/knowledge/articles?category=lower',
      });
      expect(badCategory.statusCode).toBe(400);
      expect(badCategory.json().errors).toHaveProperty(['query.category']);
    });

    it('documents the public API under its own OpenAPI tag', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
      const doc = response.json<{
        tags: { name: string }[];
        paths: Record<string, Record<string, { tags?: string[] }>>;
      }>();
      expect(doc.tags.map((tag) => tag.name)).toContain('knowledge');
      for (const path of [
        '/api/v1/knowledge/categories',
        '/api/v1/knowledge/articles',
        '/api/v1/knowledge/articles/{slug}',
      ]) {
        expect(doc.paths[path]?.get?.tags).toEqual(['knowledge']);
      }
    });

    it('reads one article with its body in both languages', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/knowledge/articles/jak-dziala-19115',
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ slug: 'jak-dziala-19115', category: 'CITY_CONTACT' });
      expect(body.body.pl).toContain('19115');
      expect(body.body.en.split('\n\n').length).toBeGreaterThan(1);
      expect(Date.parse(body.updatedAt)).not.toBeNaN();
    });

    it('keeps an unpublished article out of the search, the category count and its own page', async () => {
      const word = uniqueWord('szkic');
      const draft = await create('manager', article({ titlePl: `Szkic ${word}`, published: undefined }));
      expect(draft.statusCode).toBe(201);
      const { id, slug, published } = draft.json<ArticleRecord>();
      expect(published).toBe(false);
      const countOf = async () =>
        (await t.app.inject({ method: 'GET', url: '/api/v1/knowledge/categories' }))
          .json<{ items: { code: string; articles: number }[] }>()
          .items.find((item) => item.code === testCategory)!.articles;
      const before = await countOf();
      expect(await search({ q: word })).toEqual([]);
      expect((await search({ category: testCategory })).map((item) => item.slug)).not.toContain(slug);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/articles/${slug}` })).statusCode,
      ).toBe(404);

      expect(
        (await call('manager', 'PUT', `/api/knowledge-articles/${id}`, { published: true })).statusCode,
      ).toBe(200);
      expect((await search({ q: word })).map((item) => item.slug)).toEqual([slug]);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/articles/${slug}` })).statusCode,
      ).toBe(200);
      expect(await countOf()).toBe(before + 1);
    });
  });

  describe('in the back office', () => {
    it('lets clerks read, and refuses unit staff and anonymous callers', async () => {
      const url = `/api/knowledge-articles?filter=${encodeURIComponent(JSON.stringify({ q: 'dowod' }))}`;
      const clerk = await call('clerk', 'GET', url);
      expect(clerk.statusCode).toBe(200);
      expect(clerk.json<ArticleRecord[]>().map((a) => a.slug)).toContain('dowod-osobisty');
      expect(clerk.headers['content-range']).toMatch(/^knowledge-articles 0-\d+\/\d+$/);
      expect((await call(null, 'GET', url)).statusCode).toBe(401);
      expect((await call('zdm', 'GET', url)).statusCode).toBe(403);
      expect((await call('zdm', 'GET', '/api/knowledge-categories')).statusCode).toBe(403);
      expect((await call('clerk', 'GET', '/api/knowledge-categories')).statusCode).toBe(200);
    });

    it('lets only administrators and managers write', async () => {
      expect((await create('clerk', article())).statusCode).toBe(403);
      expect((await call(null, 'POST', '/api/knowledge-articles', article())).statusCode).toBe(401);
      expect((await create('zdm', article())).statusCode).toBe(403);
      const created = await create('manager', article());
      expect(created.statusCode).toBe(201);
      const { id } = created.json<ArticleRecord>();
      expect(
        (await call('clerk', 'PUT', `/api/knowledge-articles/${id}`, { titlePl: 'Nowy tytuł' })).statusCode,
      ).toBe(403);
      expect((await call('clerk', 'DELETE', `/api/knowledge-articles/${id}`)).statusCode).toBe(403);
      const changed = await call('admin', 'PUT', `/api/knowledge-articles/${id}`, { titlePl: 'Nowy tytuł' });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ titlePl: 'Nowy tytuł', titleEn: 'Title of a test article' });
    });

    it('refuses a taken slug with 409 naming the field, on create and on change', async () => {
      const first = await create('admin', article());
      const second = await create('admin', article());
      const taken = first.json<ArticleRecord>().slug;
      const duplicate = await create('admin', article({ slug: taken }));
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json()).toMatchObject({
        code: 'CONFLICT',
        errors: { slug: expect.stringContaining(taken) },
      });
      const renamed = await call(
        'admin',
        'PUT',
        `/api/knowledge-articles/${second.json<ArticleRecord>().id}`,
        {
          slug: taken,
        },
      );
      expect(renamed.statusCode).toBe(409);
      expect(renamed.json().errors).toHaveProperty('slug');
      expect((await create('admin', article({ slug: 'dowod-osobisty' }))).statusCode).toBe(409);
    });

    it('refuses bad content with 422 naming the field, as the other configuration resources do', async () => {
      const badSlug = await create('admin', article({ slug: 'Dowód Osobisty!' }));
      expect(badSlug.statusCode).toBe(422);
      expect(badSlug.json().errors).toHaveProperty('slug');
      const { titleEn: _missing, ...withoutTitle } = article();
      const noTitle = await create('admin', withoutTitle);
      expect(noTitle.statusCode).toBe(422);
      expect(noTitle.json().errors).toHaveProperty('titleEn');
      const unknownCategory = await create('admin', article({ categoryCode: 'NO_SUCH_CATEGORY' }));
      expect(unknownCategory.statusCode).toBe(422);
      expect(unknownCategory.json().errors).toEqual({ categoryCode: 'unknown category "NO_SUCH_CATEGORY"' });
      const blankBody = await create('admin', article({ bodyPl: '   ' }));
      expect(blankBody.statusCode).toBe(422);
      expect(blankBody.json().errors).toHaveProperty('bodyPl');
      const missing = await call(
        'admin',
        'PUT',
        '/api/knowledge-articles/00000000-0000-4000-8000-000000000000',
        {
          titlePl: 'x y z',
        },
      );
      expect(missing.statusCode).toBe(404);
    });

    it('audits every change with who made it and what changed', async () => {
      const created = await create('manager', article());
      const { id } = created.json<ArticleRecord>();
      await call('admin', 'PUT', `/api/knowledge-articles/${id}`, { summaryEn: 'A better summary' });
      expect((await call('admin', 'DELETE', `/api/knowledge-articles/${id}`)).statusCode).toBe(200);
      expect((await call('admin', 'GET', `/api/knowledge-articles/${id}`)).statusCode).toBe(404);
      const trail = await t.orm.em.fork().execute<
        {
          action: string;
          actor_username: string;
          changes: Record<string, { from: unknown; to: unknown }>;
        }[]
      >(
        `select action, actor_username, changes from config_changes
          where resource = 'knowledge-articles' and record_id = ? order by id`,
        [id],
      );
      expect(trail.map((row) => [row.action, row.actor_username])).toEqual([
        ['create', 'manager'],
        ['update', 'admin'],
        ['delete', 'admin'],
      ]);
      expect(trail[1].changes).toEqual({ summaryEn: { from: 'A short summary', to: 'A better summary' } });
    });

    it('keeps categories: 409 for a taken code and for removing one that holds articles', async () => {
      const taken = await call('admin', 'POST', '/api/knowledge-categories', {
        code: 'DOCUMENTS',
        namePl: 'Inne',
        nameEn: 'Other',
      });
      expect(taken.statusCode).toBe(409);
      expect((await call('admin', 'DELETE', '/api/knowledge-categories/DOCUMENTS')).statusCode).toBe(409);
      expect((await call('clerk', 'DELETE', '/api/knowledge-categories/DOCUMENTS')).statusCode).toBe(403);
      const renamed = await call('manager', 'PUT', `/api/knowledge-categories/${testCategory}`, {
        nameEn: 'Test category (renamed)',
      });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ id: testCategory, nameEn: 'Test category (renamed)' });
    });
  });

  describe('the seed', () => {
    it('ships a useful Warsaw set in Polish and English', async () => {
      expect(WARSAW_KNOWLEDGE_BASE.articles.length).toBeGreaterThanOrEqual(25);
      expect(WARSAW_KNOWLEDGE_BASE.categories.length).toBeGreaterThanOrEqual(6);
      for (const seeded of WARSAW_KNOWLEDGE_BASE.articles) {
        for (const text of [seeded.pl, seeded.en]) {
          expect(text.title.length).toBeGreaterThan(5);
          expect(text.body.split('\n\n').length).toBeGreaterThanOrEqual(2);
        }
        // No invented phone numbers: 19115 and the emergency 112 are the only ones.
        for (const number of `${seeded.pl.body} ${seeded.en.body}`.match(/\b\d{3}(?:[ -]?\d{2,3}){2,}\b/g) ??
          []) {
          expect(number).toBe('not a phone number');
        }
      }
      const listed = await search({ limit: '200' });
      for (const seeded of WARSAW_KNOWLEDGE_BASE.articles) {
        expect(listed.map((item) => item.slug)).toContain(seeded.slug);
      }
    });

    it('adds nothing at a second start, and never overwrites an edited or revives a deleted article', async () => {
      const again = await seedReferenceData(t.orm);
      expect(again).toMatchObject({ knowledgeCategories: 0, knowledgeArticles: 0 });

      const code = `SEED_${uniqueWord('').toUpperCase().slice(0, 8)}`;
      const seed: KnowledgeBaseSeed = {
        categories: [{ code, pl: 'Kategoria z seeda', en: 'Seeded category', position: 9100 }],
        articles: ['first', 'second'].map((name) => ({
          slug: `seed-${name}-${code.toLowerCase().replace(/_/g, '-')}`,
          category: code,
          keywords: ['słowo "kluczowe"', 'back\\slash'],
          pl: { title: `Artykuł ${name}`, summary: 'Streszczenie', body: 'Akapit.\n\nAkapit.' },
          en: { title: `Article ${name}`, summary: 'Summary', body: 'Paragraph.\n\nParagraph.' },
        })),
      };
      const runSeed = () => t.orm.em.fork().transactional((tx) => seedKnowledgeBase(tx, seed));
      createdCategories.unshift(code);
      expect(await runSeed()).toEqual({ knowledgeCategories: 1, knowledgeArticles: 2 });
      expect(await runSeed()).toEqual({ knowledgeCategories: 0, knowledgeArticles: 0 });

      const listed = await call(
        'admin',
        'GET',
        `/api/knowledge-articles?filter=${encodeURIComponent(JSON.stringify({ categoryCode: code }))}`,
      );
      const [first, second] = listed.json<ArticleRecord[]>().sort((a, b) => a.slug.localeCompare(b.slug));
      createdArticles.push(first.id);
      expect(first.keywords).toEqual(['słowo "kluczowe"', 'back\\slash']);
      expect(
        (await call('admin', 'PUT', `/api/knowledge-articles/${first.id}`, { titlePl: 'Poprawiony tytuł' }))
          .statusCode,
      ).toBe(200);
      expect((await call('admin', 'DELETE', `/api/knowledge-articles/${second.id}`)).statusCode).toBe(200);

      expect(await runSeed()).toEqual({ knowledgeCategories: 0, knowledgeArticles: 0 });
      const after = await call(
        'admin',
        'GET',
        `/api/knowledge-articles?filter=${encodeURIComponent(JSON.stringify({ categoryCode: code }))}`,
      );
      expect(after.json<ArticleRecord[]>().map((a) => [a.slug, a.titlePl])).toEqual([
        [first.slug, 'Poprawiony tytuł'],
      ]);
    });
  });
});
