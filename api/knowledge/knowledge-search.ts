import type { EntityManager } from '@mikro-orm/postgresql';

export type KnowledgeLanguage = 'pl' | 'en';

/**
 * Words that say nothing about the service asked for. Residents type questions ("jak się
 * zameldować?"), and every word of the query must match, so these would hide the answer.
 */
const STOP_WORDS = new Set([
  // Polish, written without diacritics as the query is normalised before the lookup.
  'a',
  'aby',
  'albo',
  'ale',
  'bo',
  'by',
  'byc',
  'chce',
  'co',
  'czy',
  'dla',
  'do',
  'gdzie',
  'i',
  'ile',
  'jak',
  'jaka',
  'jaki',
  'jakie',
  'jest',
  'juz',
  'kiedy',
  'ktora',
  'ktore',
  'ktory',
  'lub',
  'ma',
  'mam',
  'mi',
  'mnie',
  'moge',
  'moj',
  'moja',
  'moje',
  'moze',
  'musze',
  'na',
  'nalezy',
  'o',
  'od',
  'po',
  'pod',
  'przez',
  'sa',
  'sie',
  'ta',
  'tak',
  'te',
  'to',
  'trzeba',
  'u',
  'w',
  'we',
  'z',
  'za',
  'ze',
  // English.
  'an',
  'and',
  'are',
  'can',
  'do',
  'does',
  'for',
  'how',
  'in',
  'is',
  'it',
  'my',
  'of',
  'on',
  'or',
  'the',
  'what',
  'when',
  'where',
  'which',
  'who',
  'with',
  'you',
  'your',
  'need',
  'get',
]);

/** Lower case without diacritics ("Dowód" → "dowod"), as the civicflow_simple configuration indexes words. */
export function plainWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();
}

/** The searchable words of a search box: no stop words (unless that is all there is), at most 8. */
export function searchTerms(text: string): string[] {
  const words = text
    .split(/[^\p{L}\p{N}]+/u)
    .map(plainWord)
    .filter((word) => word.length >= 2 || /\d/.test(word));
  const meaningful = words.filter((word) => !STOP_WORDS.has(word));
  return [...new Set(meaningful.length ? meaningful : words)].slice(0, 8);
}

/**
 * A crude stem: PostgreSQL has no Polish dictionary, and Polish inflects the ending ("dowód",
 * "dowodu", "dowodem"; "zameldowanie", "zameldować"). Cutting the last letters of longer words and
 * matching the rest as a prefix finds the other forms; numbers stay whole.
 */
export function stem(word: string): string {
  if (/\d/.test(word)) return word;
  const cut = word.length >= 7 ? 3 : word.length === 6 ? 2 : word.length === 5 ? 1 : 0;
  return word.slice(0, word.length - cut);
}

/** The two tsquery texts of a search: every word as typed (prefix), and every word by its stem. */
export function knowledgeQueries(text: string): { exact: string; stemmed: string } | null {
  const terms = searchTerms(text);
  if (!terms.length) return null;
  return {
    exact: terms.map((term) => `${term}:*`).join(' & '),
    stemmed: terms.map((term) => `${stem(term)}:*`).join(' & '),
  };
}

export interface ArticleSummaryRow {
  slug: string;
  category_code: string;
  title_pl: string;
  title_en: string;
  summary_pl: string;
  summary_en: string;
}

/** Weights of D (body), C (summary), B (keywords), A (title), in ts_rank's order. */
const WEIGHTS = `'{0.05, 0.2, 0.5, 1.0}'`;

/**
 * Published articles matching the search box, best first. Articles whose title (in the ranking
 * language) matches come before those matching only elsewhere; within each group the rank in the
 * resident's language counts most, words as typed more than by stem, and the other language a little.
 * Without words, the category's (or every) article in title order.
 */
export async function searchArticles(
  em: EntityManager,
  options: { q?: string; category?: string; lang: KnowledgeLanguage; limit: number },
): Promise<ArticleSummaryRow[]> {
  const own = options.lang === 'en' ? 'en' : 'pl';
  const other = own === 'en' ? 'pl' : 'en';
  const queries = options.q ? knowledgeQueries(options.q) : null;
  const category = options.category ? ' and a.category_code = ?' : '';
  const categoryParams = options.category ? [options.category] : [];
  const columns = 'a.slug, a.category_code, a.title_pl, a.title_en, a.summary_pl, a.summary_en';
  if (options.q && !queries) return [];
  if (!queries) {
    return em.execute<ArticleSummaryRow[]>(
      `select ${columns} from knowledge_articles a
        join knowledge_categories c on c.code = a.category_code
       where a.published${category}
       order by c.position, a.title_${own}, a.slug
       limit ?`,
      [...categoryParams, options.limit],
    );
  }
  return em.execute<ArticleSummaryRow[]>(
    `with q as (
       select to_tsquery('civicflow_simple', ?) as stemmed, to_tsquery('civicflow_simple', ?) as exact
     )
     select ${columns} from knowledge_articles a, q
      where a.published and (a.search_pl @@ q.stemmed or a.search_en @@ q.stemmed)${category}
      order by
        to_tsvector('civicflow_simple', a.title_${own}) @@ q.stemmed desc,
        ts_rank(${WEIGHTS}, a.search_${own}, q.exact) * 2
          + ts_rank(${WEIGHTS}, a.search_${own}, q.stemmed)
          + ts_rank(${WEIGHTS}, a.search_${other}, q.stemmed) * 0.3 desc,
        a.title_${own}, a.slug
      limit ?`,
    [queries.stemmed, queries.exact, ...categoryParams, options.limit],
  );
}

/** Ids of all articles (published or not) matching the words, for the back office's search box. */
export async function matchingArticleIds(em: EntityManager, text: string, limit = 500): Promise<string[]> {
  const queries = knowledgeQueries(text);
  if (!queries) return [];
  const rows = await em.execute<{ id: string }[]>(
    `select a.id from knowledge_articles a
      where a.search_pl @@ to_tsquery('civicflow_simple', ?) or a.search_en @@ to_tsquery('civicflow_simple', ?)
      limit ?`,
    [queries.stemmed, queries.stemmed, limit],
  );
  return rows.map((row) => row.id);
}
