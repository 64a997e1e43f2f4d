/**
 * Text normalisation for the message classifier: residents write Polish and English, with or
 * without diacritics, with typos and in SMS style. Everything here is pure and deterministic;
 * the classifier turns the terms produced here into TF-IDF vectors.
 *
 * Three views of a message complement each other:
 * - word stems (a light suffix-stripping stemmer), so `latarnia`, `latarni`, `latarnie` meet;
 * - character n-grams inside word boundaries, so typos (`latrnia`) and inflections the stemmer
 *   misses (`dziura` / `dziurze`) still share most of their grams;
 * - concepts of a small bilingual lexicon, so synonyms and translations (`dziura`, `wyrwa`,
 *   `pothole`) meet even when the corpus has no example of one of them (`concept-lexicon.ts`).
 */
import { conceptsOf } from './concept-lexicon';

const POLISH_FOLD: Readonly<Record<string, string>> = {
  ą: 'a',
  ć: 'c',
  ę: 'e',
  ł: 'l',
  ń: 'n',
  ó: 'o',
  ś: 's',
  ź: 'z',
  ż: 'z',
};

/**
 * Lower-cases and folds Polish diacritics to ASCII, so that `Źle zaparkowane` and `zle
 * zaparkowane` (both common) become the same text. Other accented letters (a German street name,
 * a French `café`) lose their marks through Unicode decomposition; `ł` has no decomposition, hence
 * the explicit table.
 */
export function foldDiacritics(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ąćęłńóśźż]/g, (letter) => POLISH_FOLD[letter] ?? letter)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/**
 * Marker tokens stand for signals that are not words. They start with a digit-free prefix that no
 * folded Polish or English word has, so they never collide with a real word.
 */
export const MARKER = {
  /** A case number in the 19115 format (`483921/26`): residents quote one almost only in complaints. */
  caseNumber: 'qqcasenr',
  /** A question mark: questions are mostly information requests. */
  question: 'qqquestion',
  /** Any other number (house numbers, hours, days): its value carries no topic, its presence a little. */
  number: 'qqnum',
} as const;

const CASE_NUMBER = /\b\d{5,7}\s?\/\s?\d{2}\b/g;

/**
 * Folded text cut into word tokens. Letters and digits make words; everything else separates them.
 * Numbers become marker tokens, see {@link MARKER}.
 */
export function tokenize(text: string): string[] {
  const folded = foldDiacritics(text)
    .replace(CASE_NUMBER, ` ${MARKER.caseNumber} `)
    .replace(/\?/g, ` ${MARKER.question} `);
  const tokens: string[] = [];
  for (const raw of folded.split(/[^a-z0-9]+/)) {
    if (!raw) continue;
    if (/\d/.test(raw)) {
      // `90-minutowy` splits into `90` and `minutowy`; `7-9`, `13:00`, `nr 200` keep only the marker.
      tokens.push(MARKER.number);
      continue;
    }
    tokens.push(raw);
  }
  return tokens;
}

/**
 * Inflectional endings of Polish (folded to ASCII) plus the few English ones that matter, longest
 * first so that `-owania` wins over `-a`. This is deliberately light: it strips one ending and keeps
 * at least {@link MIN_STEM} letters, because over-stemming short words (`las`, `psa`) merges topics,
 * while the character n-grams already cover the inflections this misses.
 */
const SUFFIXES: readonly string[] = [
  // verbal nouns and participles
  'owaniami owaniach owania owanie owaniu owanym owanej owanego owana owane owany',
  'eniami aniami eniach aniach eniem aniem enia enie eniu ania anie aniu',
  // verbs
  'ujemy ujecie owac ywac iwac uje uja ujesz esz emy ecie alismy ilismy alem ilem alam ilam',
  'ala alo ali aly ila ilo ili ily al il ac ic ec',
  // adjectives and pronoun-like endings
  'iejszy iejsza iejsze owego owemu owych owymi owej owym owa owe owy iego iemu ego emu ych ich ymi imi ej ym im',
  // nouns
  'owie owi ami ach iami iach iom ia om ow em ie',
  // English
  'ing ed es ly',
  // single letters last: the commonest endings of all
  'a e i o u y s',
]
  .flatMap((group) => group.split(' '))
  // Longest first; the sort is stable, so equally long endings keep the order above.
  .sort((a, b) => b.length - a.length);

export const MIN_STEM = 3;

/**
 * A light stemmer for folded Polish (and, incidentally, English): strips the longest known ending
 * that leaves at least {@link MIN_STEM} letters. Marker tokens pass through unchanged.
 */
export function stem(word: string): string {
  if (word.startsWith('qq')) return word;
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= MIN_STEM && word.endsWith(suffix)) {
      return word.slice(0, word.length - suffix.length);
    }
  }
  return word;
}

/**
 * Function words in both languages. They are dropped from word features (they say nothing about the
 * topic and would dominate bigrams) but stay inside character n-grams of their own words only,
 * which is harmless. Question words (`czy`, `jak`, `ile`, `gdzie`, `how`, `when`) are kept on
 * purpose: they separate questions from reports.
 */
const STOPWORDS: ReadonlySet<string> = new Set(
  [
    // Polish
    'a albo ale bo by do i juz ja jest sa sie na o od po przy przez pod nad to ten ta tam tez takze w we z ze za u',
    'oraz lub co ktos tak',
    // English
    'the an and or of in on at to is are was it its for with by from there this that be been has have',
  ].flatMap((group) => group.split(' ')),
);

function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

export interface FeatureOptions {
  /** Word stems as unigrams. */
  wordUnigrams: boolean;
  /** Adjacent stems (after dropping stopwords) as bigrams: `nie dzial`, `brak wod`. */
  wordBigrams: boolean;
  /** Smallest and largest character n-gram, taken inside `<word>` boundaries; 0 disables them. */
  charMin: number;
  charMax: number;
  /** Concepts of the bilingual lexicon ({@link conceptsOf}). */
  concepts: boolean;
  /**
   * Also match lexicon entries within one typo. Off by default: on the corpus it found more false
   * friends (`kolejne` -> `kolein`, `zapala` -> `zapadl`) than real typos and lowered held-out
   * precision; character n-grams already make the learnt part typo-tolerant.
   */
  fuzzyConcepts: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: Readonly<FeatureOptions> = {
  wordUnigrams: true,
  wordBigrams: true,
  charMin: 3,
  charMax: 4,
  concepts: true,
  fuzzyConcepts: false,
};

/**
 * Character n-grams of one folded word between boundary marks: `<las>` gives `<la`, `las`, `as>`,
 * `<las`, `las>`, `<las>`. Boundaries keep prefixes (stems) apart from the same letters mid-word.
 */
export function charNgrams(word: string, min: number, max: number): string[] {
  const padded = `<${word}>`;
  const grams: string[] = [];
  for (let n = min; n <= max; n++) {
    for (let start = 0; start + n <= padded.length; start++) grams.push(padded.slice(start, start + n));
  }
  return grams;
}

/**
 * The terms of a message, each prefixed by its family (`w:` stem, `b:` stem bigram, `c:` character
 * n-gram, `k:` concept) so families never collide. Terms repeat as often as they occur: the
 * vectoriser counts them.
 */
export function extractTerms(text: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): string[] {
  const tokens = tokenize(text);
  const terms: string[] = [];
  const stems: string[] = [];
  for (const token of tokens) {
    const isMarker = token.startsWith('qq');
    if (options.charMin > 0 && !isMarker) {
      for (const gram of charNgrams(token, options.charMin, options.charMax)) terms.push(`c:${gram}`);
    }
    if (isStopword(token)) continue;
    stems.push(stem(token));
  }
  if (options.wordUnigrams) for (const s of stems) terms.push(`w:${s}`);
  if (options.wordBigrams) {
    for (let i = 1; i < stems.length; i++) terms.push(`b:${stems[i - 1]}_${stems[i]}`);
  }
  if (options.concepts) {
    for (const concept of conceptsOf(tokens, options.fuzzyConcepts)) terms.push(`k:${concept}`);
  }
  return terms;
}
