import type { EntityManager } from '@mikro-orm/postgresql';
import {
  indexArticle,
  rankArticles,
  type ArticleIndex,
  type KnowledgeLanguage,
} from '../../domain/knowledge/rank-articles';
import { candidatePrefixes, queryTerms, type QueryTerm } from '../../domain/knowledge/search-text';

export type { KnowledgeLanguage };

export interface ArticleSummaryRow {
  slug: string;
  category_code: string;
  title_pl: string;
  title_en: string;
  summary_pl: string;
  summary_en: string;
}

interface CandidateRow extends ArticleSummaryRow {
  id: string;
  body_pl: string;
  body_en: string;
  keywords: string[];
}

/*
 * How a search runs: PostgreSQL has no Polish dictionary here, so the words are stemmed and the
 * articles ranked in TypeScript (domain/knowledge), over a candidate set the database narrows
 * first. The GIN-indexed vectors search_pl / search_en (diacritic-free, unstemmed) give every
 * article with a word starting with a term's search prefix, which is each article the ranking
 * could match, so the rarity of each term is counted over all articles in scope. A precomputed
 * column of stems was the alternative; it would have to be rewritten by every write path (back
 * office, seed) and backfilled whenever the stemmer changes, while the knowledge base holds
 * hundreds of articles at most and ranking them in memory takes milliseconds.
 */

/**
 * Articles' word indexes, by id, kept while the texts stay the same: indexing an article costs far
 * more than ranking it, and the texts change rarely. Comparing the texts (not a timestamp) keeps
 * an entry correct whichever process or statement changed the row.
 */
const indexes = new Map<string, { source: string; index: ArticleIndex }>();
const MAX_INDEXES = 5_000;

function indexOf(row: CandidateRow): ArticleIndex {
  const source = [
    row.title_pl,
    row.title_en,
    row.summary_pl,
    row.summary_en,
    row.body_pl,
    row.body_en,
    ...row.keywords,
  ].join('\u0000');
  const cached = indexes.get(row.id);
  if (cached?.source === source) return cached.index;
  if (indexes.size >= MAX_INDEXES) indexes.clear();
  const index = indexArticle({
    title: { pl: row.title_pl, en: row.title_en },
    summary: { pl: row.summary_pl, en: row.summary_en },
    body: { pl: row.body_pl, en: row.body_en },
    keywords: row.keywords,
  });
  indexes.set(row.id, { source, index });
  return index;
}

/**
 * The articles that can match the terms, with the number of articles in scope. Prefixes are
 * folded letters and digits; one with any other character (a Cyrillic word) cannot occur in the
 * Polish and English texts, and is left out rather than passed to to_tsquery.
 */
async function candidates(
  em: EntityManager,
  terms: readonly QueryTerm[],
  scope: { publishedOnly: boolean; category?: string; lang: KnowledgeLanguage },
): Promise<{ rows: CandidateRow[]; total: number }> {
  const prefixes = candidatePrefixes(terms).filter((prefix) => /^[a-z0-9]+$/.test(prefix));
  if (!prefixes.length) return { rows: [], total: 0 };
  const conditions = [
    ...(scope.publishedOnly ? ['a.published'] : []),
    ...(scope.category ? ['a.category_code = ?'] : []),
  ];
  const scopeParams = scope.category ? [scope.category] : [];
  const where = conditions.length ? conditions.join(' and ') : 'true';
  const [{ total }] = await em.execute<{ total: number }[]>(
    `select count(*)::int as total from knowledge_articles a where ${where}`,
    scopeParams,
  );
  // Ordered by title so that equally ranked articles keep that order (the ranking sort is stable).
  const rows = await em.execute<CandidateRow[]>(
    `with q as (select to_tsquery('civicflow_simple', ?) as query)
     select a.id, a.slug, a.category_code, a.title_pl, a.title_en, a.summary_pl, a.summary_en,
            a.body_pl, a.body_en, a.keywords
       from knowledge_articles a, q
      where ${where} and (a.search_pl @@ q.query or a.search_en @@ q.query)
      order by a.title_${scope.lang === 'en' ? 'en' : 'pl'}, a.slug`,
    [prefixes.map((prefix) => `${prefix}:*`).join(' | '), ...scopeParams],
  );
  return { rows, total };
}

async function rankedCandidates(
  em: EntityManager,
  text: string,
  options: { publishedOnly: boolean; category?: string; lang: KnowledgeLanguage; cutoff: boolean },
): Promise<CandidateRow[]> {
  const terms = queryTerms(text);
  if (!terms.length) return [];
  const { rows, total } = await candidates(em, terms, options);
  const ranked = rankArticles(
    terms,
    rows.map((row) => ({ article: row, index: indexOf(row) })),
    { lang: options.lang, total, cutoff: options.cutoff },
  );
  return ranked.map((entry) => entry.article);
}

/**
 * Published articles answering the search box, best first (domain/knowledge/rank-articles.ts:
 * title above keywords, summary and body; most of the words required; far weaker matches left
 * out). Without words, the category's (or every) article in title order.
 */
export async function searchArticles(
  em: EntityManager,
  options: { q?: string; category?: string; lang: KnowledgeLanguage; limit: number },
): Promise<ArticleSummaryRow[]> {
  const own = options.lang === 'en' ? 'en' : 'pl';
  if (options.q) {
    const rows = await rankedCandidates(em, options.q, {
      publishedOnly: true,
      category: options.category,
      lang: own,
      cutoff: true,
    });
    return rows.slice(0, options.limit).map((row) => ({
      slug: row.slug,
      category_code: row.category_code,
      title_pl: row.title_pl,
      title_en: row.title_en,
      summary_pl: row.summary_pl,
      summary_en: row.summary_en,
    }));
  }
  const category = options.category ? ' and a.category_code = ?' : '';
  return em.execute<ArticleSummaryRow[]>(
    `select a.slug, a.category_code, a.title_pl, a.title_en, a.summary_pl, a.summary_en
       from knowledge_articles a
       join knowledge_categories c on c.code = a.category_code
      where a.published${category}
      order by c.position, a.title_${own}, a.slug
      limit ?`,
    [...(options.category ? [options.category] : []), options.limit],
  );
}

/**
 * Ids of all articles (published or not) matching the words, for the back office's search box: the
 * residents' matching (stems, stop words, most words required), best first, but every match rather
 * than only the strong ones, as it filters a list an editor scans.
 */
export async function matchingArticleIds(em: EntityManager, text: string, limit = 500): Promise<string[]> {
  const rows = await rankedCandidates(em, text, { publishedOnly: false, lang: 'pl', cutoff: false });
  return rows.slice(0, limit).map((row) => row.id);
}
