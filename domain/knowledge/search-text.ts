import { foldDiacritics } from '../classification/normalize';

/**
 * Words of the knowledge base and of a resident's search, reduced so that the forms of one word
 * meet: residents type questions ("jak wyrobić dowód osobisty?") with question words, filler and
 * any inflected form, while PostgreSQL here has no Polish dictionary. Pure and deterministic; the
 * search service ranks with what this produces (domain/knowledge/rank-articles.ts).
 *
 * Diacritics are folded exactly as the classifier folds them ({@link foldDiacritics}), and the
 * same way as the `civicflow_simple` text-search configuration indexes articles, so "dowod" typed on
 * a phone without Polish letters finds "dowód".
 */

/** Lower-case, diacritic-free words of a text: letters and digits make words, all else separates. */
export function words(text: string): string[] {
  return foldDiacritics(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Words that say nothing about the service asked for, in both languages (folded). Residents type
 * "czy mogę się zameldować przez internet"; of that only "zameldować" and "internet" tell articles
 * apart, and requiring the rest would hide the answer.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    // Polish: question words, pronouns, prepositions, conjunctions, modal and auxiliary verbs.
    'a aby albo ale bo by byc bylo byl byla chce co czy czyli dla do gdy gdzie go i ich ile im ja jak jaka jaki jakie',
    'jakiej jakim jakiego jego jej jesli jest jestem juz kiedy kto kogo komu ktora ktore ktorego ktorej ktory ktorym',
    'ktorych lub ma mam mamy mi mnie moge mozemy mozna moj moja moje moim mojej mojego moze musi musze my na nad',
    'nalezy nam nas nie niz o od oraz po pod przed przez przy sa sie soba sobie ta tak takze tam te tego tej ten to',
    'trzeba tu tylko u w we wolno z za ze zeby czym czego cos ktos',
    // English.
    'about an and are at be by can could do does for from get has have how i if in is it me my need of on or should',
    'the there this to want was what when where which who why will with would you your',
  ].flatMap((group) => group.split(' ')),
);

function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * Inflected forms that no ending rule relates to their word (the stem vowel or consonant changes:
 * "pies" / "psa", "urząd" / "urzędzie", "dziecko" / "dzieci"), for the few words residents use
 * about City Hall matters. Every form maps to the first one.
 */
const IRREGULAR: readonly (readonly string[])[] = [
  ['pies', 'psa', 'psu', 'psem', 'psie', 'psy', 'psow', 'psom', 'psami', 'psach'],
  ['dziecko', 'dziecka', 'dziecku', 'dzieckiem', 'dzieci', 'dzieciom', 'dziecmi', 'dzieciach'],
  [
    'urzad',
    'urzedu',
    'urzedowi',
    'urzedem',
    'urzedzie',
    'urzedy',
    'urzedow',
    'urzedom',
    'urzedami',
    'urzedach',
  ],
  ['miasto', 'miasta', 'miastu', 'miastem', 'miescie', 'miast', 'miastom', 'miastami', 'miastach'],
  [
    'czlowiek',
    'czlowieka',
    'czlowiekowi',
    'czlowiekiem',
    'czlowieku',
    'ludzie',
    'ludzi',
    'ludziom',
    'ludzmi',
  ],
];

const IRREGULAR_STEM: ReadonlyMap<string, string> = new Map(
  IRREGULAR.flatMap((forms) => forms.map((form) => [form, forms[0]] as const)),
);

/** The forms behind an irregular stem, so the database can look for each of them. */
const IRREGULAR_FORMS: ReadonlyMap<string, readonly string[]> = new Map(
  IRREGULAR.map((forms) => [forms[0], forms] as const),
);

/**
 * Polish inflectional endings, folded, longest first so "-owanie" wins over "-e". One ending is
 * stripped, leaving at least {@link MIN_STEM} letters: over-stemming short words ("las", "psa")
 * merges unrelated words, and a missed form costs less than a wrong match.
 */
const POLISH_ENDINGS: readonly string[] = [
  // verbal nouns: zameldowanie, wyrobienie, parkowania
  'owaniami owaniach owaniem owaniom owania owanie owaniu ieniami ieniach ieniem ienia ienie ieniu',
  'eniami eniach eniem eniom enia enie eniu aniami aniach aniem aniom ania anie aniu',
  // participles and verbs: zameldowany, parkować, zamelduję, wyrobić, zgłosiłem
  'owanymi owanych owanego owanemu owanej owanym owana owane owany owani owac ywac iwac',
  'ujemy ujesz ujac uje uja owalem owalam owala owalo owali owaly owal alem alam ilem ilam ylem ylam',
  'ala alo ali aly ila ilo ili ily al il yl ac ic yc ec esz isz ysz emy imy ymy',
  // nouns in -ość: nieruchomości, bezdomność
  'osciami osciach oscia osci osc',
  // adjectives and pronoun-like endings: parkingowego, osobistego, miejskiej
  'iejszych iejszy iejsza iejsze owego owemu owych owymi owej owym owa owe owy owi',
  'iego iemu ich imi ego emu ych ymi ej ym im',
  // nouns: odpadami, śmieciach, wniosków, dowodem, drzewie
  'owie iami iach iom ami ach om ow iem em ie ia iu ii',
  // the commonest endings of all
  'a e i o u y',
]
  .flatMap((group) => group.split(' '))
  // Longest first; the sort is stable, so equally long endings keep the order above.
  .sort((a, b) => b.length - a.length);

const MIN_STEM = 3;
const VOWELS = 'aeiouy';

/**
 * A light Polish stemmer for folded words: strips one inflectional ending, then evens out the
 * commonest alternations at the end of a stem, so that every form of a word gets the same stem:
 * - a mobile "e": "wniosek" / "wniosku" → "wniosk", "mieszkaniec" / "mieszkańca" → "mieszkanc";
 * - a softened final consonant: "zgłosić" / "zgłoszenie" → "zglos", "urzędu" / "urzędzie",
 *   "numer" / "numerze" → "numer".
 * Numbers and words in {@link IRREGULAR} are looked up, not stemmed.
 *
 * Every word starts with its stem without the stem's last letter ({@link searchPrefix}), irregular
 * forms aside ({@link candidatePrefixes} lists those whole): the database prefilter relies on it.
 */
export function stemPolish(word: string): string {
  return memoised(polishStems, word, stripPolish);
}

/**
 * Stems already computed: the articles' vocabulary is a few thousand words, and each search stems
 * the words of every candidate article. Cleared when full, so arbitrary input cannot grow it.
 */
const polishStems = new Map<string, string>();
const englishStems = new Map<string, string>();
const MEMO_SIZE = 50_000;

function memoised(memo: Map<string, string>, word: string, compute: (word: string) => string): string {
  let stem = memo.get(word);
  if (stem === undefined) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    stem = compute(word);
    memo.set(word, stem);
  }
  return stem;
}

function stripPolish(word: string): string {
  if (/\d/.test(word)) return word;
  const irregular = IRREGULAR_STEM.get(word);
  if (irregular) return irregular;
  // A noun in "-iec" loses the "ie" in every other form ("mieszkańca"), not an ending.
  if (word.length >= 6 && word.endsWith('iec')) return `${word.slice(0, -3)}c`;
  let stem = word;
  for (const ending of POLISH_ENDINGS) {
    if (word.length - ending.length >= MIN_STEM && word.endsWith(ending)) {
      stem = word.slice(0, word.length - ending.length);
      break;
    }
  }
  if (stem.length >= 5 && /[^aeiouy]ek$/.test(stem)) stem = `${stem.slice(0, -2)}k`;
  if (stem.length >= 4 && /(sz|rz|dz)$/.test(stem)) stem = stem.slice(0, -1);
  return stem;
}

/**
 * A light English stemmer for folded words (the English texts of the articles): plural and the
 * commonest verb endings, "y" and "ies" meeting as "i" ("category" / "categories").
 */
export function stemEnglish(word: string): string {
  return memoised(englishStems, word, stripEnglish);
}

function stripEnglish(word: string): string {
  if (/\d/.test(word) || word.length <= 3) return word;
  let stem = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}i`;
  else if (stem.endsWith('sses')) stem = stem.slice(0, -2);
  else if (stem.endsWith('s') && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.endsWith('ing') && stem.length > 5) stem = stem.slice(0, -3);
  else if (stem.endsWith('ed') && stem.length > 4) stem = stem.slice(0, -2);
  if (stem.endsWith('y') && stem.length > 3 && !VOWELS.includes(stem[stem.length - 2])) {
    stem = `${stem.slice(0, -1)}i`;
  }
  return stem;
}

/**
 * Generic verbs and nouns of asking and of getting in touch ("wyrobić", "załatwić", "dostać",
 * "sprawa", "kogo powiadomić", "gdzie zgłosić"): they appear in questions about every service and
 * rarely in the article that answers. A search term that is one of them still adds to an article's
 * score, but an article need not contain it (stems, see {@link stemPolish}).
 */
const SOFT_STEMS: ReadonlySet<string> = new Set(
  [
    'wyrobic wyrobienie zalatwic zalatwienie uzyskac uzyskanie dostac dostane otrzymac otrzymanie zrobic zrobienie',
    'robic zdobyc potrzebuje potrzebny chcialbym chcialabym prosze informacja sprawa dowiedziec mozliwe',
    'zglosic zgloszenie powiadomic zawiadomic poinformowac zadzwonic napisac skontaktowac',
  ]
    .flatMap((group) => group.split(' '))
    .map((word) => stemPolish(word)),
);

/** One word of a search, with its stem in each language of the articles. */
export interface QueryTerm {
  word: string;
  pl: string;
  en: string;
  /** A generic word of asking ({@link SOFT_STEMS}): scores, but is not required. */
  soft: boolean;
}

/** At most this many words of a search count: a pasted paragraph must not become a slow query. */
export const MAX_QUERY_TERMS = 10;

/**
 * The words of a search box that can tell articles apart: no stop words, no single letters, each
 * stem once. A search of stop words only ("jak to") has none: every article would match it.
 */
export function queryTerms(text: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const word of words(text)) {
    if ((word.length < 2 && !/\d/.test(word)) || isStopWord(word)) continue;
    const pl = stemPolish(word);
    if (seen.has(pl)) continue;
    seen.add(pl);
    terms.push({ word, pl, en: stemEnglish(word), soft: SOFT_STEMS.has(pl) });
    if (terms.length === MAX_QUERY_TERMS) break;
  }
  return terms;
}

/**
 * What every word with this stem starts with. The stemmers change at most the last letter or drop
 * the one before it ("wniosek" → "wniosk"), so a stem without its last letter is a prefix of each
 * of its words; stems of three letters or fewer are plain prefixes.
 */
function searchPrefix(stem: string): string {
  return stem.length >= 4 ? stem.slice(0, -1) : stem;
}

/**
 * Prefixes the database looks for to fetch every article that can match the terms: a word of an
 * article matches a term only if it starts with one of these (irregular forms are listed whole).
 */
export function candidatePrefixes(terms: readonly QueryTerm[]): string[] {
  const prefixes = new Set<string>();
  for (const term of terms) {
    for (const stem of [term.pl, term.en]) prefixes.add(searchPrefix(stem));
    for (const form of IRREGULAR_FORMS.get(term.pl) ?? []) prefixes.add(form);
  }
  return [...prefixes];
}
