import { stemEnglish, stemPolish, words, type QueryTerm } from './search-text';

export type KnowledgeLanguage = 'pl' | 'en';

/** What the ranking reads of an article: its texts in both languages and its keywords. */
export interface SearchableArticle {
  title: { pl: string; en: string };
  summary: { pl: string; en: string };
  body: { pl: string; en: string };
  keywords: readonly string[];
}

/** Positions of the fields in {@link VocabularyEntry.counts}; keywords mix both languages. */
const FIELD = {
  pl: { title: 0, summary: 1, body: 2 },
  en: { title: 3, summary: 4, body: 5 },
  keywords: 6,
} as const;

/** A word of an article, its stem in each language and how often each field has it. */
interface VocabularyEntry {
  word: string;
  pl: string;
  en: string;
  counts: number[];
}

/** An article's words, computed once per text so a search only compares stems. */
export interface ArticleIndex {
  vocabulary: readonly VocabularyEntry[];
}

export function indexArticle(article: SearchableArticle): ArticleIndex {
  const entries = new Map<string, VocabularyEntry>();
  const add = (text: string, field: number) => {
    for (const word of words(text)) {
      let entry = entries.get(word);
      if (!entry) {
        entry = { word, pl: stemPolish(word), en: stemEnglish(word), counts: [0, 0, 0, 0, 0, 0, 0] };
        entries.set(word, entry);
      }
      entry.counts[field] += 1;
    }
  };
  for (const lang of ['pl', 'en'] as const) {
    add(article.title[lang], FIELD[lang].title);
    add(article.summary[lang], FIELD[lang].summary);
    add(article.body[lang], FIELD[lang].body);
  }
  for (const keyword of article.keywords) add(keyword, FIELD.keywords);
  return { vocabulary: [...entries.values()] };
}

/**
 * How much a match in each field counts: the title says what the article is about, keywords are the
 * words residents use for it (both languages), the summary restates the title, and the body names
 * many other matters in passing ("take your ID card" in the parking article). The other language
 * counts a little, for residents who search in English on the Polish portal or the reverse.
 */
const OWN_WEIGHTS = { title: 5, summary: 2, body: 1 } as const;
const KEYWORDS_WEIGHT = 3;
const OTHER_WEIGHTS = { title: 1.5, summary: 0.6, body: 0.3 } as const;

/** A word that only starts with a term's stem ("zamel" typed, "zameldowanie" found) counts half. */
const PREFIX_MATCH = 0.5;
/** Shorter stems as prefixes find too much ("par" in "parking", "partner", "parter"). */
const MIN_PREFIX_STEM = 4;
/** A generic word of asking ("wyrobić") adds half of what a word naming the service adds. */
const SOFT_TERM = 0.5;
/**
 * Articles scoring below this share of the best one are left out: with the answer matching every
 * word in its title, an article that mentions them once in its body is noise, not a second answer.
 */
const RELATIVE_CUTOFF = 0.2;

/** 1 for a word with the term's stem, {@link PREFIX_MATCH} for one merely starting with it. */
function stemMatch(entryStem: string, entryWord: string, stem: string): number {
  if (entryStem === stem) return 1;
  return stem.length >= MIN_PREFIX_STEM && entryWord.startsWith(stem) ? PREFIX_MATCH : 0;
}

/** Repeats add less and less: a body saying "dowód" ten times is not ten times as relevant. */
const saturate = (count: number) => count / (count + 1);

/** How well an article matches one term, over its weighted fields; 0 when no word matches. */
function termScore(index: ArticleIndex, term: QueryTerm, lang: KnowledgeLanguage): number {
  const found = [0, 0, 0, 0, 0, 0, 0];
  for (const entry of index.vocabulary) {
    const pl = stemMatch(entry.pl, entry.word, term.pl);
    const en = stemMatch(entry.en, entry.word, term.en);
    if (!pl && !en) continue;
    const { counts } = entry;
    found[FIELD.pl.title] += counts[FIELD.pl.title] * pl;
    found[FIELD.pl.summary] += counts[FIELD.pl.summary] * pl;
    found[FIELD.pl.body] += counts[FIELD.pl.body] * pl;
    found[FIELD.en.title] += counts[FIELD.en.title] * en;
    found[FIELD.en.summary] += counts[FIELD.en.summary] * en;
    found[FIELD.en.body] += counts[FIELD.en.body] * en;
    found[FIELD.keywords] += counts[FIELD.keywords] * Math.max(pl, en);
  }
  const own = FIELD[lang];
  const other = FIELD[lang === 'pl' ? 'en' : 'pl'];
  return (
    OWN_WEIGHTS.title * saturate(found[own.title]) +
    OWN_WEIGHTS.summary * saturate(found[own.summary]) +
    OWN_WEIGHTS.body * saturate(found[own.body]) +
    KEYWORDS_WEIGHT * saturate(found[FIELD.keywords]) +
    OTHER_WEIGHTS.title * saturate(found[other.title]) +
    OTHER_WEIGHTS.summary * saturate(found[other.summary]) +
    OTHER_WEIGHTS.body * saturate(found[other.body])
  );
}

export interface RankOptions {
  /** The language the resident reads: its texts count most. */
  lang: KnowledgeLanguage;
  /**
   * How many articles the search covers (published ones, of the category if one is chosen): the
   * rarer a word among them, the more it counts. The candidates must include every one of them
   * that matches any term; the rest may be left out.
   */
  total: number;
  /** Leave out articles far below the best ({@link RELATIVE_CUTOFF}); off for a filter that lists all matches. */
  cutoff: boolean;
}

export interface RankedArticle<T> {
  article: T;
  score: number;
}

/**
 * Articles answering a search, best first, scored like BM25 over weighted fields: each term adds
 * its rarity (inverse document frequency) times how well each field matches it.
 *
 * An article must match most of the search: terms carrying more than half of the search's weight
 * (rarity). A term no article contains ("telewizor") does not count against any article, as long as
 * a third of the terms are known; generic words of asking ("wyrobić", "załatwić") are not required unless
 * nothing else is left. So "jak wyrobić dowód osobisty" needs "dowód" and "osobisty", while an
 * article with only "osobiście" does not come up for "dowód osobisty".
 */
export function rankArticles<T>(
  terms: readonly QueryTerm[],
  candidates: readonly { article: T; index: ArticleIndex }[],
  options: RankOptions,
): RankedArticle<T>[] {
  if (!terms.length || !candidates.length) return [];
  const scores = candidates.map(({ index }) => terms.map((term) => termScore(index, term, options.lang)));
  const total = Math.max(options.total, candidates.length);
  const rarity = terms.map((_, t) => {
    const containing = scores.filter((termScores) => termScores[t] > 0).length;
    return containing ? Math.log(1 + (total - containing + 0.5) / (containing + 0.5)) : 0;
  });
  const all = terms.map((_, t) => t);
  const named = all.filter((t) => !terms[t].soft);
  const words = named.length ? named : all;
  const required = words.filter((t) => rarity[t] > 0);
  // Questions carry words no article uses ("zaczipować psa za darmo"), but when hardly any word is
  // known ("balony helowe nad Wisłą w parku") the knowledge base does not answer the question,
  // whatever article happens to share the one remaining word.
  if (!required.length || required.length * 3 < words.length) return [];
  const requiredWeight = required.reduce((sum, t) => sum + rarity[t], 0);

  const scored = candidates.map(({ article }, a) => {
    const matchedWeight = required.reduce((sum, t) => sum + (scores[a][t] > 0 ? rarity[t] : 0), 0);
    const score = terms.reduce(
      (sum, term, t) => sum + rarity[t] * scores[a][t] * (term.soft && named.length ? SOFT_TERM : 1),
      0,
    );
    // Matching all of the search counts more than matching most of it very well.
    return { article, score: score * (matchedWeight / requiredWeight), matchedWeight };
  });
  const most = scored.filter((entry) => entry.matchedWeight * 2 > requiredWeight);
  // When no article has most of the words ("jak długo ważny jest paszport"), the best partial
  // matches are still better than nothing; the cut-off below keeps only the strong ones.
  const ranked = (most.length ? most : scored.filter((entry) => entry.score > 0)).map(
    ({ article, score }): RankedArticle<T> => ({ article, score }),
  );
  ranked.sort((x, y) => y.score - x.score);
  if (!options.cutoff || !ranked.length) return ranked;
  const threshold = ranked[0].score * RELATIVE_CUTOFF;
  return ranked.filter((entry) => entry.score >= threshold);
}
