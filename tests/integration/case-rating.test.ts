import { randomUUID } from 'node:crypto';
import { seedDemoUsers } from '../../db/seed/seed-demo-data';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { trackingToken } from '../../services/cases/tracking-token';
import { caseIdOfNumber, eventually, startTestApp, type TestApp } from '../support/integration';

interface Filed {
  id: string;
  number: string;
  trackingToken: string;
}

/**
 * Residents rate how their case was resolved (1–5 and a comment) with the case's tracking token;
 * managers read the ratings per unit and event on the statistics API, unit staff their unit's only.
 * One case goes the whole way through the workflow; the statistics use cases of this file's own
 * units, written as resolved rows, so other files' ratings do not change the figures checked here.
 */
describe('rating a resolved case', () => {
  let fixture: TestApp;
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const unitA = `RA${tag}`;
  const unitB = `RB${tag}`;
  let sequence = Math.floor(Math.random() * 8_000_000) + 1_000_000;
  const directCases: string[] = [];

  const db = () => fixture.orm.em.fork().getConnection();

  beforeAll(async () => {
    fixture = await startTestApp({ worker: true, demoUsers: true });
    for (const code of [unitA, unitB]) {
      await db().execute(`insert into units (code, name, name_en) values (?, ?, ?)`, [
        code,
        `Jednostka ocen ${code}`,
        `Ratings unit ${code}`,
      ]);
    }
    // Demo users include one unit-staff account per unit, named by its code in lower case.
    await seedDemoUsers(fixture.orm, fixture.config.demo.password);
  });

  afterAll(async () => {
    if (fixture) {
      await db().execute(`delete from cases where id = any(?::uuid[])`, [`{${directCases.join(',')}}`]);
      await db().execute(`delete from users where unit_code in (?, ?)`, [unitA, unitB]);
      await db().execute(`delete from units where code in (?, ?)`, [unitA, unitB]);
      await fixture.close();
    }
  });

  const ratingUrl = (c: { number: string }, token: string) =>
    `/api/v1/cases/${caseNumberToSlug(c.number)}/rating?token=${token}`;

  function rate(c: Filed, payload: unknown, token = c.trackingToken) {
    return fixture.app.inject({ method: 'POST', url: ratingUrl(c, token), payload: payload as object });
  }

  async function track(c: Filed) {
    const response = await fixture.app.inject(
      `/api/v1/cases/${caseNumberToSlug(c.number)}?token=${c.trackingToken}`,
    );
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function act(username: string, c: Filed, action: string, body: Record<string, unknown> = {}) {
    const response = await fixture.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/${action}`,
      headers: { authorization: await fixture.authorization(username) },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  const ratingRows = (caseId: string) =>
    db().execute<{ score: number; comment: string | null; unit_code: string; event_code: string }[]>(
      'select score, comment, unit_code, event_code from case_ratings where case_id = ?',
      [caseId],
    );

  /** A resolved case of one of this file's units, as the workflow would have left it. */
  async function resolvedCase(unitCode: string, eventCode = 'POTHOLE'): Promise<Filed> {
    const id = randomUUID();
    sequence += 1;
    const number = `${sequence}/97`;
    await db().execute(
      `insert into cases (id, number, kind, status, event_code, unit_code, district, channel, description,
         sla_state, resolved_at, created_at, updated_at, workflow_started_at)
       values (?, ?, 'INCIDENT', 'RESOLVED', ?, ?, 'Wola', 'PORTAL', 'Ocena', 'MET', now(), now(), now(), now())`,
      [id, number, eventCode, unitCode],
    );
    directCases.push(id);
    return { id, number, trackingToken: trackingToken(fixture.config.secret, id) };
  }

  describe('through the workflow', () => {
    let filed: Filed;

    beforeAll(async () => {
      const response = await fixture.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          kind: 'INCIDENT',
          eventCode: 'POTHOLE',
          description: 'Głęboka dziura w jezdni przed przejściem',
          district: 'Śródmieście',
        },
      });
      expect(response.statusCode).toBe(201);
      const answer = response.json<Omit<Filed, 'id'>>();
      filed = { ...answer, id: await caseIdOfNumber(fixture.orm, answer.number) };
      await eventually(async () => (await track(filed)).status === 'FORWARDED', { what: 'routing to ZDM' });
    });

    it('refuses a rating before the case is resolved with 409 and stores nothing', async () => {
      const early = await rate(filed, { score: 5 });
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('forwarded') });
      expect(await ratingRows(filed.id)).toEqual([]);
      expect((await track(filed)).canRate).toBe(false);
    });

    it('stores the rating of a resolved case with its unit and event, and shows it to the resident', async () => {
      await act('zdm', filed, 'resolve', { note: 'Ubytek uzupełniony' });
      expect((await track(filed)).canRate).toBe(true);
      const rated = await rate(filed, { score: 5 });
      expect(rated.statusCode).toBe(200);
      expect(rated.json()).toEqual({
        number: filed.number,
        rating: { score: 5, comment: null, ratedAt: expect.any(String) },
      });
      expect(await ratingRows(filed.id)).toEqual([
        { score: 5, comment: null, unit_code: 'ZDM', event_code: 'POTHOLE' },
      ]);
      const view = await track(filed);
      expect(view.rating).toEqual(rated.json().rating);
      expect(view.history.at(-1)).toMatchObject({ type: 'RATED', status: 'RESOLVED' });
    });

    it('replaces the rating when the resident rates again', async () => {
      const first = (await track(filed)).rating;
      const again = await rate(filed, { score: 2, comment: '  Załatano tylko połowę dziury  ' });
      expect(again.statusCode).toBe(200);
      expect(again.json().rating).toMatchObject({ score: 2, comment: 'Załatano tylko połowę dziury' });
      expect(new Date(again.json().rating.ratedAt).getTime()).toBeGreaterThanOrEqual(
        new Date(first.ratedAt).getTime(),
      );
      expect(await ratingRows(filed.id)).toEqual([
        { score: 2, comment: 'Załatano tylko połowę dziury', unit_code: 'ZDM', event_code: 'POTHOLE' },
      ]);
      expect((await track(filed)).rating).toEqual(again.json().rating);
      const events = await db().execute<{ type: string; is_public: boolean; note: string | null }[]>(
        `select type, is_public, note from case_events where case_id = ? and type = 'RATED' order by id`,
        [filed.id],
      );
      expect(events).toEqual([
        { type: 'RATED', is_public: true, note: null },
        { type: 'RATED', is_public: true, note: 'Załatano tylko połowę dziury' },
      ]);
    });

    it.each([
      ['a score of 0', { score: 0 }, 'score'],
      ['a score of 6', { score: 6 }, 'score'],
      ['a fractional score', { score: 3.5 }, 'score'],
      ['a score as text', { score: '4' }, 'score'],
      ['no score', { comment: 'Bez oceny' }, 'score'],
      ['a comment over 1000 characters', { score: 4, comment: 'x'.repeat(1001) }, 'comment'],
      ['an unknown field', { score: 4, stars: 4 }, 'body'],
    ])('refuses %s with 400 naming the field and keeps the stored rating', async (_what, payload, field) => {
      const response = await rate(filed, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(Object.keys(response.json().errors)).toContain(field);
      expect((await ratingRows(filed.id)).map((r) => r.score)).toEqual([2]);
    });

    it('answers a wrong token and an unknown case alike with 404', async () => {
      const wrong = await rate(filed, { score: 1 }, 'x'.repeat(32));
      expect(wrong.statusCode).toBe(404);
      const unknown = await rate({ ...filed, number: '999999/99' }, { score: 1 });
      expect(unknown.statusCode).toBe(404);
      expect(wrong.json().message.replace(filed.number, '?')).toBe(
        unknown.json().message.replace('999999/99', '?'),
      );
      expect((await ratingRows(filed.id)).map((r) => r.score)).toEqual([2]);
    });
  });

  it('lets a resident rate the answer to a question as soon as it is answered', async () => {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { kind: 'INFORMATION', description: 'Gdzie wyrobić Kartę Warszawiaka dla dziecka?' },
    });
    expect(response.statusCode).toBe(201);
    const answer = response.json<Omit<Filed, 'id'>>();
    const question: Filed = { ...answer, id: await caseIdOfNumber(fixture.orm, answer.number) };
    await eventually(async () => (await track(question)).status === 'TRIAGE', {
      what: 'the question in triage',
    });
    expect((await rate(question, { score: 4 })).statusCode).toBe(409);
    await act('clerk', question, 'answer', {
      note: 'W punkcie obsługi Karty Warszawiaka lub przez internet.',
    });
    expect((await track(question)).canRate).toBe(true);
    const rated = await rate(question, { score: 4, comment: 'Szybka odpowiedź' });
    expect(rated.statusCode).toBe(200);
    expect(await ratingRows(question.id)).toEqual([
      { score: 4, comment: 'Szybka odpowiedź', unit_code: null, event_code: null },
    ]);
  });

  describe('statistics of the ratings', () => {
    beforeAll(async () => {
      const a1 = await resolvedCase(unitA, 'POTHOLE');
      const a2 = await resolvedCase(unitA, 'STREETLIGHT_OUT');
      const b1 = await resolvedCase(unitB, 'POTHOLE');
      for (const [c, score] of [
        [a1, 5],
        [a2, 3],
        [b1, 1],
      ] as const) {
        expect((await rate(c, { score })).statusCode).toBe(200);
      }
      // The case moves on after the rating: the rating stays with the unit that resolved it.
      await db().execute(`update cases set unit_code = ? where id = ?`, [unitB, a2.id]);
    });

    async function get(url: string, username: string | null = 'manager') {
      const headers = username ? { authorization: await fixture.authorization(username) } : {};
      return fixture.app.inject({ method: 'GET', url, headers });
    }

    const distribution = (counts: number[]) => counts.map((count, index) => ({ score: index + 1, count }));

    it('gives a unit’s average, count and distribution, and per event', async () => {
      const response = await get(`/api/statistics/ratings?unitCode=${unitA}`);
      expect(response.statusCode).toBe(200);
      const figures = response.json();
      expect(figures).toMatchObject({
        unitCode: unitA,
        total: { count: 2, average: 4, distribution: distribution([0, 0, 1, 0, 1]) },
        units: [
          {
            unitCode: unitA,
            unitName: `Jednostka ocen ${unitA}`,
            count: 2,
            average: 4,
            distribution: distribution([0, 0, 1, 0, 1]),
          },
        ],
      });
      expect(figures.events).toEqual(
        expect.arrayContaining([
          { eventCode: 'POTHOLE', count: 1, average: 5, distribution: distribution([0, 0, 0, 0, 1]) },
          { eventCode: 'STREETLIGHT_OUT', count: 1, average: 3, distribution: distribution([0, 0, 1, 0, 0]) },
        ]),
      );
      expect(figures.events).toHaveLength(2);
    });

    it('lists every unit city-wide', async () => {
      const response = await get('/api/statistics/ratings');
      expect(response.statusCode).toBe(200);
      const { units, total } = response.json();
      const ofUnit = (code: string) => units.find((u: { unitCode: string }) => u.unitCode === code);
      expect(ofUnit(unitA)).toMatchObject({ count: 2, average: 4 });
      expect(ofUnit(unitB)).toMatchObject({
        count: 1,
        average: 1,
        distribution: distribution([1, 0, 0, 0, 0]),
      });
      expect(total.count).toBeGreaterThanOrEqual(3);
    });

    it('counts only the ratings given in the period asked for', async () => {
      const response = await get(`/api/statistics/ratings?unitCode=${unitA}&from=2020-01-01&to=2020-01-31`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        from: '2020-01-01',
        to: '2020-01-31',
        total: { count: 0, average: null, distribution: distribution([0, 0, 0, 0, 0]) },
        units: [],
        events: [],
      });
      const reversed = await get('/api/statistics/ratings?from=2020-02-01&to=2020-01-01');
      expect(reversed.statusCode).toBe(422);
      expect(Object.keys(reversed.json().errors)).toContain('query.from');
    });

    it('exports the figures as CSV', async () => {
      const response = await get(`/api/statistics/ratings.csv?unitCode=${unitA}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/csv/);
      const lines = response.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      // The one CSV format of every export: semicolons, names not codes (domain/text/csv.ts).
      expect(lines[0]).toBe('Grupa;Nazwa;Oceny;Średnia;Ocena 1;Ocena 2;Ocena 3;Ocena 4;Ocena 5');
      expect(lines).toContain(`Jednostka;Jednostka ocen ${unitA};2;4;0;0;1;0;1`);
      expect(lines).toContain('Zdarzenie;Nieświecąca latarnia;1;3;0;0;1;0;0');
      expect(lines.at(-1)).toBe('Razem;;2;4;0;0;1;0;1');
    });

    it('asks for a sign-in', async () => {
      expect((await get('/api/statistics/ratings', null)).statusCode).toBe(401);
      expect((await get('/api/statistics/ratings.csv', null)).statusCode).toBe(401);
    });

    it('gives unit staff their own unit’s ratings only and refuses another unit with 403', async () => {
      const staff = unitA.toLowerCase();
      const own = await get('/api/statistics/ratings', staff);
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ unitCode: unitA, total: { count: 2, average: 4 } });
      expect(own.json().units.map((u: { unitCode: string }) => u.unitCode)).toEqual([unitA]);
      const other = await get(`/api/statistics/ratings?unitCode=${unitB}`, staff);
      expect(other.statusCode).toBe(403);
      expect((await get(`/api/statistics/ratings.csv?unitCode=${unitB}`, staff)).statusCode).toBe(403);
      expect((await get(`/api/statistics/ratings?unitCode=${unitB}`, 'clerk')).statusCode).toBe(200);
    });
  });
});
