import { startTestApp, type TestApp } from '../support/integration';

interface Suggestion {
  kind: string;
  eventCode: string | null;
  confidence: number;
}

/** The report form's suggestions from free text, by the model the worker routes cases with. */
describe('classify API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    if (t)
      await t.orm.em.fork().execute(`update taxonomy_events set active = true where code = 'DEAD_ANIMAL'`);
    await t?.close();
  });

  const classify = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/classify', payload });

  it('suggests the pothole event first, confidently, for a Polish report of a pothole', async () => {
    const response = await classify({
      text: 'Na ulicy Puławskiej jest ogromna dziura w jezdni',
      language: 'pl',
    });
    expect(response.statusCode).toBe(200);
    const { suggestions } = response.json<{ suggestions: Suggestion[] }>();
    expect(suggestions.length).toBeGreaterThanOrEqual(1);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestions[0]).toMatchObject({ kind: 'INCIDENT', eventCode: 'POTHOLE' });
    expect(suggestions[0].confidence).toBeGreaterThan(0.5);
    const confidences = suggestions.map((s) => s.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
  });

  it('understands English too', async () => {
    const response = await classify({
      text: 'The street light in front of my building has not been working for a week, it is completely dark at night',
      language: 'en',
    });
    expect(response.statusCode).toBe(200);
    const { suggestions } = response.json<{ suggestions: Suggestion[] }>();
    expect(suggestions[0]).toMatchObject({ kind: 'INCIDENT', eventCode: 'STREETLIGHT_OUT' });
  });

  it('suggests a question as a question, with no event', async () => {
    const response = await classify({
      text: 'W jakich godzinach jest czynny urząd dzielnicy i gdzie mogę złożyć wniosek o dowód osobisty?',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ suggestions: Suggestion[] }>().suggestions[0]).toMatchObject({
      kind: 'INFORMATION',
      eventCode: null,
    });
  });

  it('never suggests an event the city switched off', async () => {
    // An event no other test files cases under: the taxonomy is shared by the run.
    const text = 'Na chodniku przy Grochowskiej od rana leży martwy kot';
    const before = await classify({ text });
    expect(before.json<{ suggestions: Suggestion[] }>().suggestions[0].eventCode).toBe('DEAD_ANIMAL');
    await t.orm.em.fork().execute(`update taxonomy_events set active = false where code = 'DEAD_ANIMAL'`);
    try {
      const response = await classify({ text });
      expect(response.statusCode).toBe(200);
      const { suggestions } = response.json<{ suggestions: Suggestion[] }>();
      expect(suggestions.length).toBeGreaterThan(0);
      expect(suggestions.map((s) => s.eventCode)).not.toContain('DEAD_ANIMAL');
    } finally {
      await t.orm.em.fork().execute(`update taxonomy_events set active = true where code = 'DEAD_ANIMAL'`);
    }
  });

  it.each([
    ['an empty text', { text: '' }, 'text'],
    ['a text of spaces', { text: '   ' }, 'text'],
    ['a text of 2 characters', { text: 'ab' }, 'text'],
    ['a text over 4000 characters', { text: 'x'.repeat(4001) }, 'text'],
    ['an unknown language', { text: 'Dziura w jezdni', language: 'de' }, 'language'],
    ['an unknown field', { text: 'Dziura w jezdni', extra: 1 }, 'body'],
    ['no text', {}, 'text'],
  ])('refuses %s', async (_what, payload, field) => {
    const response = await classify(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(Object.keys(response.json().errors ?? {})).toContain(field);
  });
});
