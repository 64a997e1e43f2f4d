import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Orm } from '../../db/orm';
import { ClassificationCorrection } from '../../db/entities';
import { TextClassifier, type TrainingExample } from '../../domain/classification/text-classifier';
import { parseCorpusStrict, type MessageKind } from '../../domain/classification/training-corpus';

export const BUNDLED_CORPUS = path.resolve(
  __dirname,
  '..',
  '..',
  'domain',
  'classification',
  'training-data',
  'train.jsonl',
);

/** A model trained ahead of time on a corpus, with the corpus's hash so a stale file is never used. */
interface StoredModel {
  corpusSha256: string;
  model: unknown;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Trains the classifier on the bundled corpus and writes it to `file` (CLASSIFIER_MODEL_FILE):
 * workers and API processes load it instead of each training the same model at start.
 */
export function writeBundledClassifierModel(file: string, corpusPath = BUNDLED_CORPUS): string {
  const corpusText = fs.readFileSync(corpusPath, 'utf8');
  const model = TextClassifier.train(parseCorpusStrict(corpusText));
  const stored: StoredModel = { corpusSha256: sha256(corpusText), model: model.toJSON() };
  fs.writeFileSync(file, JSON.stringify(stored));
  return file;
}

/** The stored model when it was trained on exactly this corpus; otherwise null (train instead). */
function loadStoredModel(file: string, corpusText: string): TextClassifier | null {
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredModel;
    return stored.corpusSha256 === sha256(corpusText) ? TextClassifier.fromJSON(stored.model) : null;
  } catch {
    return null;
  }
}

/**
 * The classifier the worker uses: trained at start on the bundled corpus plus every correction
 * clerks made, and retrained when new corrections arrived (at most every `retrainEveryMs`).
 * Training takes about a second, so it never runs on the path of a single case more than that.
 * While there are no corrections, a model stored ahead of time for the same corpus (`modelFile`)
 * is loaded instead of trained.
 */
export class ClassifierService {
  private model: TextClassifier | null = null;
  private trainedCorrections = -1;
  private lastTrainedAt = 0;
  private training: Promise<TextClassifier> | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly options: { retrainEveryMs?: number; corpusPath?: string; modelFile?: string } = {},
  ) {}

  async current(): Promise<TextClassifier> {
    const stale = Date.now() - this.lastTrainedAt > (this.options.retrainEveryMs ?? 10 * 60_000);
    if (this.model && !stale) return this.model;
    this.training ??= this.retrainIfChanged().finally(() => {
      this.training = null;
    });
    return this.training;
  }

  private async retrainIfChanged(): Promise<TextClassifier> {
    const em = this.orm.em.fork();
    const count = await em.count(ClassificationCorrection, {});
    if (this.model && count === this.trainedCorrections) {
      this.lastTrainedAt = Date.now();
      return this.model;
    }
    const corrections = await em.find(ClassificationCorrection, {}, { orderBy: { id: 'asc' } });
    const corpusText = fs.readFileSync(this.options.corpusPath ?? BUNDLED_CORPUS, 'utf8');
    const stored =
      corrections.length === 0 && this.options.modelFile
        ? loadStoredModel(this.options.modelFile, corpusText)
        : null;
    const examples: TrainingExample[] = [
      ...parseCorpusStrict(corpusText).map((m) => ({ text: m.text, kind: m.kind, event: m.event })),
      ...corrections.map((c) => ({ text: c.text, kind: c.kind as MessageKind, event: c.eventCode ?? null })),
    ];
    this.model = stored ?? TextClassifier.train(examples);
    this.trainedCorrections = count;
    this.lastTrainedAt = Date.now();
    return this.model;
  }
}
