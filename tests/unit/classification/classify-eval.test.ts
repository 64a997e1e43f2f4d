import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crossValidate } from '../../../domain/classification/evaluate';
import { DEFAULT_CONFIDENCE_THRESHOLD } from '../../../domain/classification/text-classifier';
import { parseCorpusStrict } from '../../../domain/classification/training-corpus';
import { runClassifyEval, TRAINING_DATA_PATH } from '../../../scripts/classify-eval';

const line = (value: unknown): string => JSON.stringify(value);

describe('classify:eval', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'classify-eval-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('evaluates new messages with a model trained on the bundled corpus', () => {
    const file = write(
      'new.jsonl',
      [
        line({ text: 'Ogromna dziura w asfalcie na Marszałkowskiej', kind: 'INCIDENT', event: 'POTHOLE' }),
        line({
          text: 'latarnia pod blokiem nie swieci od 3 dni',
          kind: 'INCIDENT',
          event: 'STREETLIGHT_OUT',
        }),
        line({ text: 'W jakich godzinach działa urząd na Woli?', kind: 'INFORMATION', event: null }),
      ].join('\n'),
    );
    const result = runClassifyEval([file, '--threshold', '0.5']);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, number>;
    expect(Object.keys(report)).toEqual([
      'n',
      'accuracy',
      'kindAccuracy',
      'coverage',
      'precisionAtThreshold',
      'threshold',
    ]);
    expect(report.n).toBe(3);
    expect(report.threshold).toBe(0.5);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('cross-validates instead of scoring its own training lines', () => {
    // A copy of the corpus with diacritics stripped is still the corpus.
    const copy = readFileSync(TRAINING_DATA_PATH, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const row = JSON.parse(l) as { text: string };
        return JSON.stringify({ ...row, text: row.text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') });
      })
      .join('\n');
    const result = runClassifyEval([write('copy.jsonl', copy)]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/5-fold cross-validation/);
    const corpus = parseCorpusStrict(copy);
    expect(JSON.parse(result.stdout)).toEqual(crossValidate(corpus, DEFAULT_CONFIDENCE_THRESHOLD));
  });

  it('leaves lines shared with the evaluation file out of training', () => {
    const first = readFileSync(TRAINING_DATA_PATH, 'utf8').split('\n')[0];
    const result = runClassifyEval([write('one.jsonl', first)]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/1 training line\(s\) also appear .*left out of training/);
    expect(result.stderr).toMatch(/trained on 443 lines/);
  });

  it('fails clearly on a missing file, malformed lines and bad options', () => {
    const missing = runClassifyEval([path.join(dir, 'nope.jsonl')]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.jsonl: no such file/);
    expect(missing.stdout).toBe('');

    const bad = write(
      'bad.jsonl',
      [
        line({ text: 'ok', kind: 'COMPLAINT', event: null }),
        '{oops',
        line({ text: 'x', kind: 'INCIDENT', event: 'NOT_A_CODE' }),
      ].join('\n'),
    );
    const malformed = runClassifyEval([bad]);
    expect(malformed.exitCode).toBe(1);
    expect(malformed.stderr).toMatch(/2 malformed line/);
    expect(malformed.stderr).toMatch(/line 2: invalid JSON/);
    expect(malformed.stderr).toMatch(/line 3: unknown event code "NOT_A_CODE"/);

    expect(runClassifyEval([]).exitCode).toBe(2);
    expect(runClassifyEval([bad, '--threshold', '2']).stderr).toMatch(/between 0 and 1/);
    expect(runClassifyEval([bad, '--bogus']).stderr).toMatch(/unknown option --bogus/);
  });
});
