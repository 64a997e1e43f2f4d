/**
 * `npm run classify:eval -- FILE.jsonl [--threshold 0.8] [--cv] [--folds 5] [--seed 7]`
 *
 * Trains the message classifier on the bundled corpus and prints ONE JSON object
 * `{n, accuracy, kindAccuracy, coverage, precisionAtThreshold, threshold}` for FILE (same JSONL
 * format as the corpus). Notes go to stderr so stdout stays machine-readable.
 *
 * It never reports accuracy on lines the model was trained on:
 * - FILE is (a copy of) the training corpus, or `--cv` is given: k-fold cross-validation over
 *   FILE's own lines, each line predicted by a model trained on the other folds;
 * - FILE shares some lines with the corpus: those lines are left out of training first.
 * Lines are compared after normalisation (case, diacritics, punctuation), so a copy of a training
 * line with its accents stripped still counts as the same line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  crossValidate,
  DEFAULT_CV_SEED,
  DEFAULT_FOLDS,
  evaluateModel,
  type EvaluationReport,
} from '../domain/classification/evaluate';
import { tokenize } from '../domain/classification/normalize';
import { DEFAULT_CONFIDENCE_THRESHOLD, TextClassifier } from '../domain/classification/text-classifier';
import {
  CorpusError,
  type LabelledMessage,
  parseCorpusStrict,
} from '../domain/classification/training-corpus';

export const TRAINING_DATA_PATH = path.join(__dirname, '../domain/classification/training-data/train.jsonl');
const TAXONOMY_PATH = path.join(__dirname, '../db/seed-data/warsaw/taxonomy.json');

const USAGE =
  'usage: npm run classify:eval -- FILE.jsonl [--threshold 0..1] [--cv] [--folds K] [--seed N] [--train FILE.jsonl]';

class UsageError extends Error {}

interface Arguments {
  file: string;
  threshold: number;
  cv: boolean;
  folds: number;
  seed: number;
  train: string;
}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Partial<Arguments> & { cv: boolean } = { cv: false };
  const value = (i: number, flag: string): string => {
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return next;
  };
  const number = (text: string, flag: string): number => {
    const parsed = Number(text);
    if (text.trim() === '' || !Number.isFinite(parsed))
      throw new UsageError(`${flag} must be a number, got "${text}"`);
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--cv') args.cv = true;
    else if (arg === '--threshold') args.threshold = number(value(i++, arg), arg);
    else if (arg === '--folds') args.folds = number(value(i++, arg), arg);
    else if (arg === '--seed') args.seed = number(value(i++, arg), arg);
    else if (arg === '--train') args.train = value(i++, arg);
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (args.file === undefined) args.file = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (args.file === undefined) throw new UsageError('missing FILE.jsonl');
  const threshold = args.threshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  if (threshold < 0 || threshold > 1)
    throw new UsageError(`--threshold must be between 0 and 1, got ${threshold}`);
  const folds = args.folds ?? DEFAULT_FOLDS;
  if (!Number.isInteger(folds) || folds < 2)
    throw new UsageError(`--folds must be an integer >= 2, got ${folds}`);
  const seed = args.seed ?? DEFAULT_CV_SEED;
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got ${seed}`);
  return { file: args.file, threshold, cv: args.cv, folds, seed, train: args.train ?? TRAINING_DATA_PATH };
}

/** Event codes of the seed taxonomy, to reject labels the classifier cannot know; null if unavailable. */
function taxonomyEventCodes(): string[] | null {
  try {
    const taxonomy = JSON.parse(readFileSync(TAXONOMY_PATH, 'utf8')) as { events?: { code?: unknown }[] };
    const codes = (taxonomy.events ?? [])
      .map((event) => event.code)
      .filter((code) => typeof code === 'string');
    return codes.length > 0 ? (codes as string[]) : null;
  } catch {
    return null;
  }
}

function readCorpus(file: string, eventCodes: string[] | null): LabelledMessage[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new Error(`cannot read ${file}: ${reason}`, { cause: error });
  }
  const records = parseCorpusStrict(text, { source: file, eventCodes: eventCodes ?? undefined });
  if (records.length === 0) throw new Error(`${file} holds no labelled messages`);
  return records;
}

/** The identity of a message for overlap checks: its tokens, ignoring case, diacritics and punctuation. */
function messageKey(text: string): string {
  return tokenize(text).join(' ');
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function runClassifyEval(argv: readonly string[]): CliResult {
  const notes: string[] = [];
  try {
    const args = parseArguments(argv);
    const eventCodes = taxonomyEventCodes();
    const evaluation = readCorpus(args.file, eventCodes);
    const training = readCorpus(args.train, eventCodes);

    const evaluationKeys = new Set(evaluation.map((record) => messageKey(record.text)));
    const heldOutTraining = training.filter((record) => !evaluationKeys.has(messageKey(record.text)));
    const overlap = training.length - heldOutTraining.length;
    let report: EvaluationReport;
    // Every training line is in FILE (FILE is the corpus, a copy, or a superset): a model trained
    // on the rest would be trained on nothing, so FILE is cross-validated on its own.
    if (args.cv || overlap === training.length) {
      notes.push(
        `${args.cv ? '--cv' : `${args.file} is the training corpus`}: ${args.folds}-fold cross-validation ` +
          `over its ${evaluation.length} lines (seed ${args.seed}); every line is predicted by a model that never saw it`,
      );
      report = crossValidate(evaluation, args.threshold, { folds: args.folds, seed: args.seed });
    } else {
      if (overlap > 0) {
        notes.push(`${overlap} training line(s) also appear in ${args.file}: left out of training`);
      }
      const started = Date.now();
      const model = TextClassifier.train(heldOutTraining);
      notes.push(`trained on ${heldOutTraining.length} lines in ${Date.now() - started} ms`);
      report = evaluateModel(model, evaluation, args.threshold);
    }
    return {
      exitCode: 0,
      stdout: `${JSON.stringify(report)}\n`,
      stderr: notes.map((n) => `[classify:eval] ${n}\n`).join(''),
    };
  } catch (error) {
    if (error instanceof UsageError) {
      return {
        exitCode: 2,
        stdout: '',
        stderr: `${error.message ? `classify:eval: ${error.message}\n` : ''}${USAGE}\n`,
      };
    }
    const message = error instanceof CorpusError || error instanceof Error ? error.message : String(error);
    return { exitCode: 1, stdout: '', stderr: `classify:eval: ${message}\n` };
  }
}

if (require.main === module) {
  const result = runClassifyEval(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
