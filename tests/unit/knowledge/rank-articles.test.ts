import {
  indexArticle,
  rankArticles,
  type RankOptions,
  type SearchableArticle,
} from '../../../domain/knowledge/rank-articles';
import { queryTerms } from '../../../domain/knowledge/search-text';

interface Article extends SearchableArticle {
  slug: string;
}

const article = (
  slug: string,
  pl: { title: string; summary?: string; body?: string },
  keywords: string[] = [],
  en: { title?: string; summary?: string; body?: string } = {},
): Article => ({
  slug,
  title: { pl: pl.title, en: en.title ?? '' },
  summary: { pl: pl.summary ?? '', en: en.summary ?? '' },
  body: { pl: pl.body ?? '', en: en.body ?? '' },
  keywords,
});

/** A small knowledge base shaped like the Warsaw one: one answer, and others naming its words in passing. */
const ARTICLES: Article[] = [
  article(
    'dowod-osobisty',
    {
      title: 'Dowód osobisty: wniosek i odbiór',
      summary: 'Gdzie złożyć wniosek o dowód osobisty i jak odebrać dokument.',
      body: 'Wniosek o dowód osobisty złożysz w urzędzie dzielnicy. Po odbiór dowodu przyjdź osobiście.',
    },
    ['dowód osobisty', 'nowy dowód', 'odbiór dowodu'],
    { title: 'ID card: applying and collecting', summary: 'Where to apply for an ID card.' },
  ),
  article(
    'parkowanie',
    {
      title: 'Strefa płatnego parkowania i abonament mieszkańca',
      summary: 'Jak mieszkaniec strefy uzyska abonament parkingowy.',
      body: 'Wniosek o abonament składa się w punkcie obsługi. Potrzebne są: dowód osobisty i dowód rejestracyjny.',
    },
    ['parkowanie', 'abonament', 'parking'],
    { title: 'Paid parking zone and resident permit' },
  ),
  article(
    'pomoc-spoleczna',
    {
      title: 'Pomoc społeczna: zasiłki i wsparcie',
      summary: 'Gdzie zwrócić się o pomoc w trudnej sytuacji.',
      body: 'Zgłoś się osobiście do ośrodka pomocy społecznej. Zabierz dowód osobisty i dokumenty o dochodach.',
    },
    ['zasiłek', 'pomoc społeczna'],
  ),
  article('paszport', {
    title: 'Paszport: gdzie złożyć wniosek',
    body: 'Paszport wydaje wojewoda. Zabierz dowód osobisty i zdjęcie. Paszport dla dziecka: wniosek składają rodzice.',
  }),
  article('wizyta', {
    title: 'Umawianie wizyty w urzędzie',
    body: 'Wizytę, na przykład w sprawie dowodu osobistego, zarezerwujesz w portalu.',
  }),
  article('odpady', { title: 'Segregacja odpadów', body: 'Papier, szkło, plastik i bio: pięć frakcji.' }),
];

const indexed = ARTICLES.map((entry) => ({ article: entry, index: indexArticle(entry) }));

const rank = (q: string, options: Partial<RankOptions> = {}) =>
  rankArticles(queryTerms(q), indexed, { lang: 'pl', total: ARTICLES.length, cutoff: true, ...options }).map(
    (entry) => entry.article.slug,
  );

describe('rankArticles', () => {
  it('puts the article named by the search first and leaves out those that mention it in passing', () => {
    expect(rank('dowód osobisty')).toEqual(['dowod-osobisty']);
    expect(rank('jak wyrobić dowód osobisty?')).toEqual(['dowod-osobisty']);
    expect(rank('wyrobić dowód')).toEqual(['dowod-osobisty']);
  });

  it('lists every article matching most of the words when asked for all matches (the back office)', () => {
    const all = rank('dowód osobisty', { cutoff: false });
    expect(all[0]).toBe('dowod-osobisty');
    expect(new Set(all)).toEqual(
      new Set(['dowod-osobisty', 'parkowanie', 'pomoc-spoleczna', 'paszport', 'wizyta']),
    );
  });

  it('finds inflected forms and forms without diacritics', () => {
    expect(rank('abonamentu parkingowego')[0]).toBe('parkowanie');
    expect(rank('ODPADAMI')).toEqual(['odpady']);
    expect(rank('zasilku')).toEqual(['pomoc-spoleczna']);
  });

  it('ranks a title match above a body match of the same word', () => {
    expect(rank('paszport')).toEqual(['paszport']);
    expect(rank('wniosek', { cutoff: false }).slice(0, 2)).toEqual(['dowod-osobisty', 'paszport']);
  });

  it('requires most of the words, weighted by rarity, even when listing all matches', () => {
    // "dowód" is in five articles, "paszport" in one: the ID-card article has the lesser half.
    expect(rank('dowód paszport', { cutoff: false })).toEqual(['paszport']);
    expect(rank('pomoc zasiłek', { cutoff: false })).toEqual(['pomoc-spoleczna']);
  });

  it('falls back to the best partial matches when no article has most of the words', () => {
    // "pomoc" only in the social-assistance article, "paszport" only in the passport one.
    expect(new Set(rank('pomoc paszport', { cutoff: false }))).toEqual(
      new Set(['pomoc-spoleczna', 'paszport']),
    );
  });

  it('ignores words no article has, unless they are most of the search', () => {
    expect(rank('ukradli mi dowód osobisty')[0]).toBe('dowod-osobisty');
    expect(rank('balony helowe nad Wisłą')).toEqual([]);
    expect(rank('balony helowe nad Wisłą, papier')).toEqual([]);
  });

  it('ranks in the language asked for, with the other language counting a little', () => {
    expect(rank('ID card', { lang: 'en' })).toEqual(['dowod-osobisty']);
    expect(rank('resident parking permit', { lang: 'en' })).toEqual(['parkowanie']);
    expect(rank('parking', { lang: 'pl' })).toEqual(['parkowanie']);
  });

  it('finds nothing for nothing', () => {
    expect(rank('jak to?')).toEqual([]);
    expect(rankArticles(queryTerms('dowód'), [], { lang: 'pl', total: 0, cutoff: true })).toEqual([]);
  });
});
