/**
 * Measuring the classifier honestly. The figure that matters is how it does on messages it has
 * never seen, so the corpus is measured by stratified k-fold cross-validation: every message is
 * predicted by a model trained on the other folds only. Training-set accuracy is never reported.
 *
 * The operating point is a confidence threshold: predictions at or above it are routed
 * automatically (coverage), the rest go to a person. Precision at the threshold is the share of
 * automatically routed messages that were routed right.
 */
import {
  type ClassifierOptions,
  labelOf,
  splitLabel,
  TextClassifier,
  type TrainingExample,
} from './text-classifier';
import { seededRandom } from './seeded-random';

export interface ScoredPrediction {
  expectedLabel: string;
  predictedLabel: string;
  confidence: number;
}

export interface EvaluationReport {
  n: number;
  /** Top-1 combined-label accuracy (event for incidents, kind otherwise) over all messages. */
  accuracy: number;
  /** Share of messages whose predicted kind is right (whatever the event). */
  kindAccuracy: number;
  /** Share of messages with confidence >= threshold: those that would be routed automatically. */
  coverage: number;
  /** Share of covered messages whose label is right; null when nothing is covered. */
  precisionAtThreshold: number | null;
  threshold: number;
}

export interface CrossValidationOptions {
  folds?: number;
  /** Seed of the fold assignment (the model's own seed is in classifierOptions). */
  seed?: number;
  classifierOptions?: Partial<ClassifierOptions>;
}

export const DEFAULT_FOLDS = 5;
export const DEFAULT_CV_SEED = 7;

/**
 * Stratified fold assignment: the messages of each label are shuffled (seeded) and dealt round
 * robin, continuing where the previous label stopped, so every fold gets about 1/k of each label
 * and fold sizes differ by at most one.
 */
export function stratifiedFolds(
  labels: readonly string[],
  folds = DEFAULT_FOLDS,
  seed = DEFAULT_CV_SEED,
): number[] {
  if (!Number.isInteger(folds) || folds < 2)
    throw new RangeError(`folds must be an integer >= 2, got ${folds}`);
  if (labels.length < folds) throw new RangeError(`cannot make ${folds} folds of ${labels.length} messages`);
  // Mixed so that fold assignment and a model's own shuffling never share one random stream.
  const random = seededRandom(seed ^ 0x9e3779b9);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => byLabel.set(label, [...(byLabel.get(label) ?? []), i]));
  const assignment = new Array<number>(labels.length).fill(-1);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const members = byLabel.get(label) ?? [];
    for (let k = members.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [members[k], members[j]] = [members[j], members[k]];
    }
    for (const i of members) {
      assignment[i] = next;
      next = (next + 1) % folds;
    }
  }
  return assignment;
}

/** Predictions of a trained model on labelled messages. */
function predictAll(model: TextClassifier, examples: readonly TrainingExample[]): ScoredPrediction[] {
  return examples.map((example) => {
    const prediction = model.predict(example.text);
    return {
      expectedLabel: labelOf(example),
      predictedLabel: prediction.label,
      confidence: prediction.confidence,
    };
  });
}

/**
 * Held-out predictions for every message: for each fold, a model is trained on the other folds
 * and predicts this one. The result is in the order of `examples`.
 */
export function crossValidatedPredictions(
  examples: readonly TrainingExample[],
  options: CrossValidationOptions = {},
): ScoredPrediction[] {
  const folds = options.folds ?? DEFAULT_FOLDS;
  const assignment = stratifiedFolds(examples.map(labelOf), folds, options.seed ?? DEFAULT_CV_SEED);
  const predictions = new Array<ScoredPrediction>(examples.length);
  for (let fold = 0; fold < folds; fold++) {
    const training = examples.filter((_, i) => assignment[i] !== fold);
    const model = TextClassifier.train(training, options.classifierOptions);
    examples.forEach((example, i) => {
      if (assignment[i] !== fold) return;
      const prediction = model.predict(example.text);
      predictions[i] = {
        expectedLabel: labelOf(example),
        predictedLabel: prediction.label,
        confidence: prediction.confidence,
      };
    });
  }
  return predictions;
}

/** The report of a set of predictions at a confidence threshold. */
export function summarize(predictions: readonly ScoredPrediction[], threshold: number): EvaluationReport {
  const n = predictions.length;
  let correct = 0;
  let kindCorrect = 0;
  let covered = 0;
  let coveredCorrect = 0;
  for (const p of predictions) {
    const right = p.predictedLabel === p.expectedLabel;
    if (right) correct += 1;
    if (splitLabel(p.predictedLabel).kind === splitLabel(p.expectedLabel).kind) kindCorrect += 1;
    if (p.confidence >= threshold) {
      covered += 1;
      if (right) coveredCorrect += 1;
    }
  }
  const share = (count: number, of: number): number => (of === 0 ? 0 : count / of);
  return {
    n,
    accuracy: share(correct, n),
    kindAccuracy: share(kindCorrect, n),
    coverage: share(covered, n),
    precisionAtThreshold: covered === 0 ? null : coveredCorrect / covered,
    threshold,
  };
}

/** Evaluates a trained model on labelled messages; meaningful only if they were not trained on. */
export function evaluateModel(
  model: TextClassifier,
  examples: readonly TrainingExample[],
  threshold: number,
): EvaluationReport {
  return summarize(predictAll(model, examples), threshold);
}

/** k-fold cross-validated report of the corpus at a threshold. */
export function crossValidate(
  examples: readonly TrainingExample[],
  threshold: number,
  options: CrossValidationOptions = {},
): EvaluationReport {
  return summarize(crossValidatedPredictions(examples, options), threshold);
}

export interface ThresholdChoice {
  threshold: number;
  precision: number;
  coverage: number;
}

/**
 * The lowest confidence threshold whose precision on the given (held-out!) predictions reaches the
 * target, i.e. the widest coverage at that precision. Candidates are the observed confidences; the
 * returned threshold is one of them, so exactly the messages at or above it are covered.
 * `minCovered` guards against a "precision" measured on a handful of messages. Returns null if no
 * threshold reaches the target.
 */
export function chooseThreshold(
  predictions: readonly ScoredPrediction[],
  targetPrecision = 0.95,
  minCovered = 1,
): ThresholdChoice | null {
  const sorted = [...predictions].sort((a, b) => b.confidence - a.confidence);
  let best: ThresholdChoice | null = null;
  let covered = 0;
  let right = 0;
  for (let i = 0; i < sorted.length; i++) {
    covered += 1;
    if (sorted[i].predictedLabel === sorted[i].expectedLabel) right += 1;
    // Equal confidences are covered together: only evaluate after the last of a tie.
    if (i + 1 < sorted.length && sorted[i + 1].confidence === sorted[i].confidence) continue;
    const precision = right / covered;
    if (covered >= minCovered && precision >= targetPrecision) {
      best = { threshold: sorted[i].confidence, precision, coverage: covered / sorted.length };
    }
  }
  return best;
}
