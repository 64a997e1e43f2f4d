import { WARSAW_KNOWLEDGE_BASE } from '../../db/seed/seed-knowledge-base';
import { KNOWLEDGE_SEARCH_QUESTIONS } from '../fixtures/knowledge-search-questions';
import { startTestApp, type TestApp } from '../support/integration';

/** At least this many of the forty questions must have their answer among the first three results. */
const REQUIRED_IN_TOP_3 = 36;

/**
 * The portal's help search against the seeded Warsaw knowledge base, with questions as residents
 * type them (tests/fixtures/knowledge-search-questions.ts): Polish inflection, question words and
 * filler, words the article does not use. The score is printed so a change to the ranking shows
 * what it gained or lost.
 */
describe('the knowledge base search, on questions as residents ask them', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const search = async (q: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/knowledge/articles?${new URLSearchParams({ q, lang: 'pl' }).toString()}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: { slug: string }[] }>().items.map((item) => item.slug);
  };

  it('names a seeded article for each of the forty questions', () => {
    const seeded = new Set(WARSAW_KNOWLEDGE_BASE.articles.map((article) => article.slug));
    expect(KNOWLEDGE_SEARCH_QUESTIONS).toHaveLength(40);
    expect(KNOWLEDGE_SEARCH_QUESTIONS.filter(({ answer }) => !seeded.has(answer))).toEqual([]);
  });

  it(`puts the answer in the top 3 for at least ${REQUIRED_IN_TOP_3} of the 40 questions`, async () => {
    const outcomes: { question: string; answer: string; rank: number; top: string[] }[] = [];
    for (const { question, answer } of KNOWLEDGE_SEARCH_QUESTIONS) {
      const slugs = await search(question);
      outcomes.push({ question, answer, rank: slugs.indexOf(answer) + 1, top: slugs.slice(0, 3) });
    }
    const inTop3 = outcomes.filter((outcome) => outcome.rank >= 1 && outcome.rank <= 3).length;
    const first = outcomes.filter((outcome) => outcome.rank === 1).length;
    const misses = outcomes
      .filter((outcome) => outcome.rank < 1 || outcome.rank > 3)
      .map(
        (outcome) =>
          `  "${outcome.question}" -> ${outcome.answer} ${outcome.rank ? `at ${outcome.rank}` : 'not found'}` +
          ` (top: ${outcome.top.join(', ') || 'none'})`,
      );
    console.log(
      [
        `Knowledge search quality: ${inTop3}/40 in the top 3, ${first}/40 first.`,
        ...(misses.length ? ['Missed:', ...misses] : []),
      ].join('\n'),
    );
    expect(inTop3).toBeGreaterThanOrEqual(REQUIRED_IN_TOP_3);
  });

  it('answers the three searches of issue 17 with the ID card article first and nothing unrelated', async () => {
    for (const q of ['jak wyrobić dowód osobisty', 'wyrobić dowód', 'dowód osobisty']) {
      const slugs = await search(q);
      expect({ q, first: slugs[0] }).toEqual({ q, first: 'dowod-osobisty' });
      // Parking and social assistance mention "dowód osobisty" only among the documents to bring.
      expect({ q, slugs }).toEqual({
        q,
        slugs: expect.not.arrayContaining(['abonament-parkingowy-sppn', 'pomoc-spoleczna']),
      });
      expect(slugs.length).toBeLessThanOrEqual(5);
    }
  });
});
