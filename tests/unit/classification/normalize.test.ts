import { conceptsOf, withinOneEdit } from '../../../domain/classification/concept-lexicon';
import {
  charNgrams,
  extractTerms,
  foldDiacritics,
  MARKER,
  stem,
  tokenize,
} from '../../../domain/classification/normalize';

describe('foldDiacritics', () => {
  it('lower-cases and strips every Polish diacritic, both cases', () => {
    expect(foldDiacritics('ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż')).toBe('acelnoszz acelnoszz');
    expect(foldDiacritics('Źle zaparkowany samochód na Żelaznej')).toBe(
      'zle zaparkowany samochod na zelaznej',
    );
  });

  it('strips other Latin accents too', () => {
    expect(foldDiacritics('Café Müller')).toBe('cafe muller');
  });
});

describe('tokenize', () => {
  it('splits on punctuation and folds', () => {
    expect(tokenize('Latarnia NIE świeci!!! (ul. Kinowa)')).toEqual([
      'latarnia',
      'nie',
      'swieci',
      'ul',
      'kinowa',
    ]);
  });

  it('turns case numbers, question marks and other numbers into markers', () => {
    expect(tokenize('Zgłoszenie 483921/26 zamknięte? Kinowa 17')).toEqual([
      'zgloszenie',
      MARKER.caseNumber,
      'zamkniete',
      MARKER.question,
      'kinowa',
      MARKER.number,
    ]);
  });

  it('gives the same tokens with and without diacritics', () => {
    expect(tokenize('Brak wody w kranie, Mokotów')).toEqual(tokenize('brak wody w kranie mokotow'));
  });
});

describe('stem', () => {
  it('brings inflected forms of a Polish noun together', () => {
    const forms = ['latarnia', 'latarni', 'latarnie', 'latarniami'];
    expect(new Set(forms.map(stem))).toEqual(new Set(['latarn']));
    expect(new Set(['drzewo', 'drzewa', 'drzewie', 'drzewami'].map(stem))).toEqual(new Set(['drzew']));
    expect(stem('odpadow')).toBe(stem('odpady'));
    expect(stem('smieciami')).toBe(stem('smieci'));
    expect(stem('oswietleniu')).toBe('oswietl');
  });

  it('strips the common English endings', () => {
    expect(stem('lights')).toBe('light');
    expect(stem('parking')).toBe('park');
    expect(stem('parked')).toBe('park');
  });

  it('leaves short words and markers alone', () => {
    expect(stem('las')).toBe('las');
    expect(stem('psa')).toBe('psa');
    expect(stem(MARKER.caseNumber)).toBe(MARKER.caseNumber);
  });
});

describe('charNgrams', () => {
  it('takes grams inside word boundaries', () => {
    expect(charNgrams('las', 3, 4)).toEqual(['<la', 'las', 'as>', '<las', 'las>']);
  });

  it('shares most grams between a word and its typo', () => {
    const right = new Set(charNgrams('latarnia', 3, 4));
    const typo = charNgrams('latrnia', 3, 4);
    const shared = typo.filter((gram) => right.has(gram)).length;
    expect(shared / typo.length).toBeGreaterThan(0.4);
  });
});

describe('conceptsOf', () => {
  it('maps Polish and English synonyms to one concept', () => {
    expect(conceptsOf(tokenize('Wielka dziura w jezdni'))).toEqual(
      expect.arrayContaining(['hole', 'roadway']),
    );
    expect(conceptsOf(tokenize('Huge pothole on the road'))).toEqual(
      expect.arrayContaining(['hole', 'roadway']),
    );
    expect(conceptsOf(tokenize('Latarnia nie świeci'))).toEqual(expect.arrayContaining(['lamp', 'dark']));
  });

  it('matches phrases and exact entries', () => {
    expect(conceptsOf(tokenize('od rana brak wody'))).toContain('noWater');
    expect(conceptsOf(tokenize('brak prądu'))).not.toContain('noWater');
    expect(conceptsOf(tokenize('śmieci w lesie'))).toContain('forest');
    // `=las` is exact: a walking stick is not a forest.
    expect(conceptsOf(tokenize('osoby z laskami'))).not.toContain('forest');
  });

  it('tolerates one typo in long entries only when asked', () => {
    expect(conceptsOf(tokenize('biletmat nie dziala'), false)).not.toContain('ticketMachine');
    expect(conceptsOf(tokenize('biletmat nie dziala'), true)).toContain('ticketMachine');
  });
});

describe('withinOneEdit', () => {
  it('accepts one substitution, insertion, deletion or swap', () => {
    expect(withinOneEdit('latarnia', 'latarnia')).toBe(true);
    expect(withinOneEdit('latarnia', 'latarnja')).toBe(true);
    expect(withinOneEdit('latarnia', 'latrnia')).toBe(true);
    expect(withinOneEdit('latarnia', 'latarnias')).toBe(true);
    expect(withinOneEdit('latarnia', 'altarnia')).toBe(true);
    expect(withinOneEdit('latarnia', 'latrania')).toBe(true);
    expect(withinOneEdit('latarnia', 'ltrnia')).toBe(false);
    expect(withinOneEdit('abc', 'xyz')).toBe(false);
  });
});

describe('extractTerms', () => {
  it('prefixes each family and drops stopwords from word features', () => {
    const terms = extractTerms('Dziura w jezdni na Puławskiej');
    expect(terms).toContain('w:dziur');
    expect(terms).toContain('b:dziur_jezdn');
    expect(terms).toContain('c:<dzi');
    expect(terms).toContain('k:hole');
    expect(terms).not.toContain('w:w');
    expect(terms).not.toContain('w:na');
  });

  it('honours the options', () => {
    const terms = extractTerms('Dziura w jezdni', {
      wordUnigrams: true,
      wordBigrams: false,
      charMin: 0,
      charMax: 0,
      concepts: false,
      fuzzyConcepts: false,
    });
    expect(terms).toEqual(['w:dziur', 'w:jezdn']);
  });
});
