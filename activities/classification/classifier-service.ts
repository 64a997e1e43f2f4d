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

/**
 * The classifier the worker uses: trained at start on the bundled corpus plus every correction
 * clerks made, and retrained when new corrections arrived (at most every `retrainEveryMs`).
 * Training takes about a second, so it never runs on the path of a single case more than that.
 */
export class ClassifierService {
  private model: TextClassifier | null = null;
  private trainedCorrections = -1;
  private lastTrainedAt = 0;
  private training: Promise<TextClassifier> | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly options: { retrainEveryMs?: number; corpusPath?: string } = {},
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
    const corpus = parseCorpusStrict(fs.readFileSync(this.options.corpusPath ?? BUNDLED_CORPUS, 'utf8'));
    const examples: TrainingExample[] = [
      ...corpus.map((m) => ({ text: m.text, kind: m.kind, event: m.event })),
      ...corrections.map((c) => ({ text: c.text, kind: c.kind as MessageKind, event: c.eventCode ?? null })),
    ];
    this.model = TextClassifier.train(examples);
    this.trainedCorrections = count;
    this.lastTrainedAt = Date.now();
    return this.model;
  }
}
