import { WARSAW_KNOWLEDGE_BASE } from '../../../db/seed/seed-knowledge-base';
import {
  candidatePrefixes,
  MAX_QUERY_TERMS,
  queryTerms,
  stemEnglish,
  stemPolish,
  words,
} from '../../../domain/knowledge/search-text';

const stems = (forms: string[]) => forms.map((form) => stemPolish(words(form)[0]));

describe('words', () => {
  it('lower-cases, folds Polish diacritics and splits on anything but letters and digits', () => {
    expect(words('Dowód osobisty: wniosek i ODBIÓR!')).toEqual([
      'dowod',
      'osobisty',
      'wniosek',
      'i',
      'odbior',
    ]);
    expect(words('Łódź, ŻÓŁW, e-dowód, 19115')).toEqual(['lodz', 'zolw', 'e', 'dowod', '19115']);
    expect(words('  ,;  ')).toEqual([]);
  });
});

describe('stemPolish', () => {
  it.each([
    ['dowód', ['dowód', 'dowodu', 'dowodem', 'dowody', 'dowodów', 'dowodzie']],
    ['wyrobić', ['wyrobić', 'wyrobienie', 'wyrobienia', 'wyrobię']],
    ['parkowanie', ['parkowanie', 'parkować', 'parkowania', 'parkowaniu']],
    ['śmieci', ['śmieci', 'śmieciami', 'śmieciach']],
    ['zameldować', ['zameldować', 'zameldowanie', 'zameldowania', 'zamelduję', 'zameldowany']],
    ['wniosek (mobile e)', ['wniosek', 'wniosku', 'wnioski', 'wnioskiem', 'wniosków']],
    ['mieszkaniec (mobile e)', ['mieszkaniec', 'mieszkańca', 'mieszkańcy', 'mieszkańców']],
    ['zgłosić (s / sz)', ['zgłosić', 'zgłoszenie', 'zgłoszenia', 'zgłoszeniem']],
    ['numer (r / rz)', ['numer', 'numeru', 'numerze', 'numery']],
    ['nieruchomość', ['nieruchomość', 'nieruchomości', 'nieruchomością']],
    ['parkingowy', ['parking', 'parkingu', 'parkingowy', 'parkingowego']],
    ['pies (irregular)', ['pies', 'psa', 'psy', 'psem']],
    ['urząd (irregular)', ['urząd', 'urzędu', 'urzędzie', 'URZĘDY']],
  ])('gives every form of %s one stem', (_word, forms) => {
    expect(new Set(stems(forms)).size).toBe(1);
  });

  it('keeps different words apart', () => {
    expect(stemPolish('dowod')).not.toBe(stemPolish('dowolny'));
    expect(stemPolish('osoba')).not.toBe(stemPolish('osobisty'));
    expect(stemPolish('parkowanie')).not.toBe(stemPolish('parking'));
  });

  it('leaves short words and numbers whole', () => {
    expect(stemPolish('las')).toBe('las');
    expect(stemPolish('kot')).toBe('kot');
    expect(stemPolish('19115')).toBe('19115');
    expect(stemPolish('2026')).toBe('2026');
  });
});

describe('stemEnglish', () => {
  it('joins plurals and verb forms', () => {
    expect(stemEnglish('tickets')).toBe(stemEnglish('ticket'));
    expect(stemEnglish('categories')).toBe(stemEnglish('category'));
    expect(stemEnglish('parked')).toBe(stemEnglish('parking'));
    expect(stemEnglish('address')).toBe('address');
    expect(stemEnglish('bus')).toBe('bus');
  });
});

describe('queryTerms', () => {
  it('drops question words and filler in both languages, and marks generic verbs of asking as soft', () => {
    expect(queryTerms('Jak wyrobić dowód osobisty?')).toEqual([
      { word: 'wyrobic', pl: 'wyrob', en: 'wyrobic', soft: true },
      { word: 'dowod', pl: 'dowod', en: 'dowod', soft: false },
      { word: 'osobisty', pl: 'osobist', en: 'osobisti', soft: false },
    ]);
    expect(queryTerms('czy mogę się zameldować w urzędzie?').map((term) => term.word)).toEqual([
      'zameldowac',
      'urzedzie',
    ]);
    expect(queryTerms('Where can I get an ID card?').map((term) => term.word)).toEqual(['id', 'card']);
  });

  it('has no terms for stop words only, single letters or punctuation', () => {
    expect(queryTerms('jak to?')).toEqual([]);
    expect(queryTerms('a i w z')).toEqual([]);
    expect(queryTerms('?!')).toEqual([]);
  });

  it('keeps each stem once and at most ten terms', () => {
    expect(queryTerms('dowód dowodu dowodem').map((term) => term.pl)).toEqual(['dowod']);
    const long = queryTerms(
      'paszport wniosek zdjęcie odbiór urząd dzielnica termin opłata kolejka formularz podpis',
    );
    expect(long).toHaveLength(MAX_QUERY_TERMS);
  });
});

describe('candidatePrefixes', () => {
  /**
   * The database prefilter fetches the articles with a word starting with one of these prefixes, and
   * the ranking counts a term's rarity over what it fetched: a form of a word the prefixes of its
   * other forms miss would vanish from the search. Checked over every word of the seeded articles.
   */
  it('covers every form sharing a stem, over the whole seeded vocabulary', () => {
    const vocabulary = new Set<string>();
    for (const article of WARSAW_KNOWLEDGE_BASE.articles) {
      for (const text of [article.pl.title, article.pl.summary, article.pl.body, ...article.keywords]) {
        for (const word of words(text)) vocabulary.add(word);
      }
      for (const text of [article.en.title, article.en.summary, article.en.body]) {
        for (const word of words(text)) vocabulary.add(word);
      }
    }
    for (const form of ['psa', 'psem', 'urzedzie', 'dzieci', 'miescie', 'ludzi']) vocabulary.add(form);
    expect(vocabulary.size).toBeGreaterThan(2000);

    const missed: string[] = [];
    const byStem = new Map<string, string[]>();
    for (const word of vocabulary) {
      for (const stem of new Set([stemPolish(word), stemEnglish(word)])) {
        byStem.set(stem, [...(byStem.get(stem) ?? []), word]);
      }
    }
    for (const [stem, forms] of byStem) {
      for (const query of forms) {
        const prefixes = candidatePrefixes(queryTerms(query).filter((term) => term.word === query));
        if (!prefixes.length) continue; // a stop word: never searched for
        for (const form of forms) {
          if (!prefixes.some((prefix) => form.startsWith(prefix)))
            missed.push(`${query} -> ${form} (${stem})`);
        }
      }
    }
    expect(missed).toEqual([]);
  });
});
