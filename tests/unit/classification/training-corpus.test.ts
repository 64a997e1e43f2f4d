import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CorpusError, parseCorpus, parseCorpusStrict } from '../../../domain/classification/training-corpus';

const line = (value: unknown): string => JSON.stringify(value);

describe('parseCorpus', () => {
  it('returns validated records and skips blank lines', () => {
    const text = [
      line({
        text: 'Dziura na Grochowskiej',
        kind: 'INCIDENT',
        event: 'POTHOLE',
        lang: 'pl',
        district: null,
      }),
      '',
      line({ text: 'Ile kosztuje bilet?', kind: 'INFORMATION', event: null, lang: 'pl', district: 'Wola' }),
      '   ',
    ].join('\r\n');
    const { records, problems } = parseCorpus(text);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { text: 'Dziura na Grochowskiej', kind: 'INCIDENT', event: 'POTHOLE', lang: 'pl', district: null },
      { text: 'Ile kosztuje bilet?', kind: 'INFORMATION', event: null, lang: 'pl', district: 'Wola' },
    ]);
  });

  it('defaults missing lang and district to null', () => {
    const { records } = parseCorpus(line({ text: 'Pomysł: więcej ławek', kind: 'SUGGESTION', event: null }));
    expect(records[0]).toEqual({
      text: 'Pomysł: więcej ławek',
      kind: 'SUGGESTION',
      event: null,
      lang: null,
      district: null,
    });
  });

  it('reports every bad line with its 1-based number and keeps the good ones', () => {
    const text = [
      line({ text: 'ok', kind: 'COMPLAINT', event: null }),
      '{"text": "broken json"',
      line({ text: 'no event', kind: 'INCIDENT', event: null }),
      line({ text: 'event on a question', kind: 'INFORMATION', event: 'POTHOLE' }),
      line({ text: '', kind: 'INCIDENT', event: 'POTHOLE' }),
      line({ text: 'bad kind', kind: 'BOOKING', event: null }),
      line(['not', 'an', 'object']),
      line({ text: 'unknown event', kind: 'INCIDENT', event: 'POTHOEL' }),
      line({ text: 'bad lang', kind: 'COMPLAINT', event: null, lang: 7 }),
    ].join('\n');
    const { records, problems } = parseCorpus(text, { eventCodes: ['POTHOLE'] });
    expect(records).toHaveLength(1);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(problems[0].message).toMatch(/invalid JSON/);
    expect(problems[1].message).toMatch(/needs an "event"/);
    expect(problems[6].message).toMatch(/unknown event code "POTHOEL"/);
  });

  it('accepts any event code when none are given', () => {
    expect(parseCorpus(line({ text: 'x', kind: 'INCIDENT', event: 'ANYTHING' })).problems).toEqual([]);
  });
});

describe('parseCorpusStrict', () => {
  it('throws a CorpusError naming the lines', () => {
    const text = [line({ text: 'ok', kind: 'COMPLAINT', event: null }), 'nope'].join('\n');
    expect(() => parseCorpusStrict(text, { source: 'eval.jsonl' })).toThrow(CorpusError);
    expect(() => parseCorpusStrict(text, { source: 'eval.jsonl' })).toThrow(
      /eval\.jsonl: 1 malformed line.*\n.*line 2: invalid JSON/,
    );
  });
});

describe('the bundled training corpus', () => {
  it('parses cleanly, with event codes of the seed taxonomy', () => {
    const root = path.join(__dirname, '../../..');
    const taxonomy = JSON.parse(
      readFileSync(path.join(root, 'db/seed-data/warsaw/taxonomy.json'), 'utf8'),
    ) as {
      events: { code: string }[];
    };
    const codes = taxonomy.events.map((event) => event.code);
    const text = readFileSync(path.join(root, 'domain/classification/training-data/train.jsonl'), 'utf8');
    const records = parseCorpusStrict(text, { eventCodes: codes });
    expect(records).toHaveLength(444);
    expect(new Set(records.map((r) => r.event).filter((e) => e !== null))).toEqual(new Set(codes));
  });
});
