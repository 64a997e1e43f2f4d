import { seededRandom, shuffleInPlace } from '../../../domain/classification/seeded-random';
import {
  DEFAULT_CONFIDENCE_THRESHOLD,
  labelOf,
  splitLabel,
  TextClassifier,
  type TrainingExample,
} from '../../../domain/classification/text-classifier';

const incident = (event: string, text: string): TrainingExample => ({ text, kind: 'INCIDENT', event });
const other = (kind: 'INFORMATION' | 'SUGGESTION' | 'COMPLAINT', text: string): TrainingExample => ({
  text,
  kind,
  event: null,
});

/** A tiny made-up corpus: four labels, a handful of lines each, mixed languages and spellings. */
const TINY: TrainingExample[] = [
  incident('POTHOLE', 'Duża dziura w jezdni na Puławskiej'),
  incident('POTHOLE', 'dziura w asfalcie przy przystanku, auta hamują'),
  incident('POTHOLE', 'wyrwa w nawierzchni na prawym pasie'),
  incident('POTHOLE', 'Głęboka dziura na jezdni, urwałem koło'),
  incident('POTHOLE', 'Deep pothole in the road on Wolska'),
  incident('POTHOLE', 'krater w asfalcie na skrzyżowaniu'),
  incident('STREETLIGHT_OUT', 'Latarnia nie świeci od tygodnia'),
  incident('STREETLIGHT_OUT', 'latarnie na ulicy zgaszone, ciemno wieczorem'),
  incident('STREETLIGHT_OUT', 'Nie działa oświetlenie uliczne przy szkole'),
  incident('STREETLIGHT_OUT', 'Street lamp is out, the whole street is dark'),
  incident('STREETLIGHT_OUT', 'Lampa uliczna nie świeci, jest ciemno'),
  incident('STREETLIGHT_OUT', 'ciemno na osiedlu, latarnia zepsuta'),
  other('INFORMATION', 'Ile kosztuje bilet miesięczny?'),
  other('INFORMATION', 'Gdzie złożyć wniosek o dowód osobisty?'),
  other('INFORMATION', 'W jakich godzinach jest otwarty urząd dzielnicy?'),
  other('INFORMATION', 'How much is the parking fee in the city centre?'),
  other('INFORMATION', 'Jakie dokumenty są potrzebne do meldunku?'),
  other('INFORMATION', 'Kiedy jest otwarty urząd, ile trzeba czekać?'),
  other('COMPLAINT', 'Zgłoszenie 123456/26 zamknięte bez naprawy, proszę o ponowne otwarcie'),
  other('COMPLAINT', 'Moje zgłoszenie 222333/26 odrzucono bez odpowiedzi, skandal'),
  other('COMPLAINT', 'My report 555111/26 was closed as resolved but nothing changed'),
  other('COMPLAINT', 'Sprawa 777888/26 zamknięta, a problem dalej jest. Reklamacja'),
  other('COMPLAINT', 'zgłoszenie 909090/26 zamknięte, nikt nie odpowiedział'),
  other('COMPLAINT', 'Reklamacja zgłoszenia 314159/26, zamknięte bez efektu'),
];

describe('labels', () => {
  it('combines kind and event into one label and back', () => {
    expect(labelOf({ kind: 'INCIDENT', event: 'POTHOLE' })).toBe('POTHOLE');
    expect(labelOf({ kind: 'SUGGESTION', event: null })).toBe('SUGGESTION');
    expect(splitLabel('POTHOLE')).toEqual({ kind: 'INCIDENT', eventCode: 'POTHOLE' });
    expect(splitLabel('COMPLAINT')).toEqual({ kind: 'COMPLAINT', eventCode: null });
    expect(() => labelOf({ kind: 'INCIDENT', event: null })).toThrow(/event code/);
  });
});

describe('seeded shuffling', () => {
  it('is reproducible and a permutation', () => {
    const a = shuffleInPlace([1, 2, 3, 4, 5, 6, 7, 8], seededRandom(42));
    const b = shuffleInPlace([1, 2, 3, 4, 5, 6, 7, 8], seededRandom(42));
    expect(a).toEqual(b);
    expect([...a].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('TextClassifier', () => {
  const model = TextClassifier.train(TINY);

  it('learns a tiny corpus well enough to label new wordings', () => {
    expect(model.labels).toEqual(['COMPLAINT', 'INFORMATION', 'POTHOLE', 'STREETLIGHT_OUT']);
    expect(model.predict('dziura w jezdni koło sklepu').eventCode).toBe('POTHOLE');
    expect(model.predict('Latarnia przy bloku nie swieci').eventCode).toBe('STREETLIGHT_OUT');
    expect(model.predict('ile kosztuje karta miejska?').kind).toBe('INFORMATION');
    expect(model.predict('zgloszenie 101010/26 zamkniete a nic nie zrobiono').kind).toBe('COMPLAINT');
  });

  it('gives kind, event, a probability and the top three alternatives', () => {
    const prediction = model.predict('ciemno, latarnia nie świeci');
    expect(prediction).toMatchObject({
      kind: 'INCIDENT',
      eventCode: 'STREETLIGHT_OUT',
      label: 'STREETLIGHT_OUT',
    });
    expect(prediction.confidence).toBeGreaterThan(0);
    expect(prediction.confidence).toBeLessThanOrEqual(1);
    expect(prediction.alternatives).toHaveLength(3);
    expect(prediction.alternatives[0]).toMatchObject({
      label: prediction.label,
      score: prediction.confidence,
    });
    const scores = prediction.alternatives.map((a) => a.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const total = model.probabilities('ciemno, latarnia nie świeci').reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 10);
  });

  it('is unsure about text it has no evidence for', () => {
    expect(model.predict('xyz qwerty').confidence).toBeLessThan(DEFAULT_CONFIDENCE_THRESHOLD);
  });

  it('round-trips through JSON with identical predictions', () => {
    const json = JSON.parse(JSON.stringify(model)) as unknown;
    const loaded = TextClassifier.fromJSON(json);
    expect(loaded.toJSON()).toEqual(model.toJSON());
    for (const text of ['dziura w jezdni', 'street lamp dark', 'gdzie jest urząd?', 'zgłoszenie 1/26', '']) {
      expect(loaded.predict(text)).toEqual(model.predict(text));
    }
  });

  it('rejects JSON that is not a model', () => {
    expect(() => TextClassifier.fromJSON({ hello: 'world' })).toThrow(/not a serialised text classifier/);
    const broken = { ...model.toJSON(), weights: [1, 2, 3] };
    expect(() => TextClassifier.fromJSON(broken)).toThrow(/inconsistent/);
  });

  it('trains deterministically', () => {
    const again = TextClassifier.train(TINY);
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
  });

  it('depends on the seed only through the shuffling order', () => {
    const other = TextClassifier.train(TINY, { seed: 1 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(model));
    expect(JSON.stringify(TextClassifier.train(TINY, { seed: 1 }))).toBe(JSON.stringify(other));
    expect(other.predict('dziura w jezdni').eventCode).toBe('POTHOLE');
  });

  it('refuses to train on nothing', () => {
    expect(() => TextClassifier.train([])).toThrow(/no examples/);
  });
});
