/**
 * A trainable classifier for residents' messages: one prediction gives the kind of message and,
 * for incidents, the taxonomy event.
 *
 * Labels are combined: an INCIDENT is labelled by its event code (`POTHOLE`), any other message by
 * its kind (`INFORMATION`, `SUGGESTION`, `COMPLAINT`). One softmax over these labels is simpler and
 * more accurate on a small corpus than a kind classifier followed by an event classifier, because
 * the first stage's errors would not be visible to the second.
 *
 * Model: multinomial logistic regression over TF-IDF vectors (sublinear tf, each feature family
 * L2-normalised) of word stems, stem bigrams, character n-grams and the concepts of a bilingual
 * lexicon (see normalize.ts, concept-lexicon.ts), trained by stochastic gradient descent with L2 regularisation and
 * averaged iterates. Logistic loss, unlike a hinge, gives probabilities, and the top probability
 * decides whether a message may be routed without a human (see DEFAULT_CONFIDENCE_THRESHOLD).
 *
 * Why the lexicon: with about ten examples per event (two or three in English), word and character
 * features alone reached only ~0.54 cross-validated accuracy; concepts shared by synonyms and by
 * both languages lifted it to ~0.90.
 *
 * Pure and deterministic: no I/O, no Math.random (shuffling uses a seeded generator), and the
 * model serialises to plain JSON and back with identical predictions.
 */
import { DEFAULT_FEATURE_OPTIONS, extractTerms, type FeatureOptions } from './normalize';
import { seededRandom, shuffleInPlace } from './seeded-random';
import { MESSAGE_KINDS, type MessageKind } from './training-corpus';

/**
 * The confidence at or above which a prediction may be acted on without a human; lower
 * confidences go to a person. Chosen from 5-fold cross-validation on the bundled corpus, held-out
 * folds only: over five different fold splits the lowest threshold reaching precision 0.95 was
 * 0.70-0.74, and at 0.8 held-out precision was 0.958-0.974 at coverage 0.79-0.81. The margin is
 * deliberate: residents' real messages differ more from the corpus than its folds differ from
 * each other, and part of the lexicon in concept-lexicon.ts was written with the corpus in view.
 */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.8;

export interface TrainingExample {
  text: string;
  kind: MessageKind;
  event: string | null;
}

export interface ClassifierOptions {
  features: FeatureOptions;
  /** Terms seen in fewer training messages are dropped: they cannot generalise and bloat the model. */
  minDf: number;
  /** Passes over the training set. */
  epochs: number;
  /** L2 regularisation strength (per example, as in `loss + l2/2 * |w|^2`). */
  l2: number;
  /** Initial step size; it decays as `eta0 / (1 + eta0 * l2 * t)`. */
  learningRate: number;
  /** Seed of the shuffling order, so that two trainings on the same data give the same model. */
  seed: number;
  /**
   * Weight of each feature family in the document vector (each family is L2-normalised on its own,
   * then scaled). Characters carry typo-robust evidence, words sharper but sparser evidence.
   */
  familyWeights: { word: number; char: number; concept: number };
  /**
   * Softmax temperature at prediction time (training always uses 1). L2-regularised models are
   * under-confident: scores divided by a temperature below 1 make the top probability track the
   * held-out accuracy (fitted by minimising cross-validated log-loss), so `confidence` reads as a
   * probability of being right.
   */
  temperature: number;
}

/**
 * Chosen by 5-fold cross-validation on the bundled corpus (three different fold splits). Most
 * settings barely matter once the concept lexicon is on (l2 from 3e-5 to 3e-4, 10 to 15 epochs,
 * char grams 3-4 or 3-5 all land within a point); these are the cheaper ones.
 */
const DEFAULT_CLASSIFIER_OPTIONS: Readonly<ClassifierOptions> = {
  features: DEFAULT_FEATURE_OPTIONS,
  minDf: 2,
  epochs: 10,
  l2: 1e-4,
  learningRate: 0.5,
  seed: 20260501,
  familyWeights: { word: 1, char: 1, concept: 1 },
  temperature: 0.6,
};

export interface LabelScore {
  label: string;
  kind: MessageKind;
  eventCode: string | null;
  /** Softmax probability. */
  score: number;
}

export interface Prediction {
  label: string;
  kind: MessageKind;
  eventCode: string | null;
  /** Probability of the top label, 0..1. */
  confidence: number;
  /** The three most probable labels, best first (the first is the prediction itself). */
  alternatives: LabelScore[];
}

const NON_INCIDENT_KINDS: ReadonlySet<string> = new Set(MESSAGE_KINDS.filter((kind) => kind !== 'INCIDENT'));

/** The combined label of a message: its event code for an INCIDENT, otherwise its kind. */
export function labelOf(example: { kind: MessageKind; event: string | null }): string {
  if (example.kind === 'INCIDENT') {
    if (!example.event) throw new Error('an INCIDENT example needs an event code');
    return example.event;
  }
  return example.kind;
}

/** The inverse of {@link labelOf}. */
export function splitLabel(label: string): { kind: MessageKind; eventCode: string | null } {
  if (NON_INCIDENT_KINDS.has(label)) return { kind: label as MessageKind, eventCode: null };
  return { kind: 'INCIDENT', eventCode: label };
}

interface SparseVector {
  indices: number[];
  values: number[];
}

/**
 * Stored weights are rounded to this many decimals at the end of training, so that the model in
 * memory and the one reloaded from JSON are bit-for-bit the same and the JSON stays compact.
 */
const STORED_DECIMALS = 6;

function roundStored(value: number): number {
  const factor = 10 ** STORED_DECIMALS;
  return Math.round(value * factor) / factor;
}

const MODEL_FORMAT = 'civicflow.text-classifier/1';

export interface SerializedClassifier {
  format: typeof MODEL_FORMAT;
  options: ClassifierOptions;
  labels: string[];
  /** Term of each feature column. */
  vocabulary: string[];
  idf: number[];
  /** Feature-major: weight of feature j for label c is `weights[j * labels.length + c]`. */
  weights: number[];
  bias: number[];
}

/** Feature families, each L2-normalised on its own: 0 words (stems, bigrams), 1 characters, 2 concepts. */
type Family = 0 | 1 | 2;

function familyOf(term: string): Family {
  if (term.startsWith('c:')) return 1;
  if (term.startsWith('k:')) return 2;
  return 0;
}

export class TextClassifier {
  private readonly index: Map<string, number>;
  private readonly family: Family[];

  private constructor(
    readonly options: ClassifierOptions,
    readonly labels: readonly string[],
    private readonly vocabulary: readonly string[],
    private readonly idf: Float64Array,
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {
    this.index = new Map(vocabulary.map((term, column) => [term, column]));
    this.family = vocabulary.map(familyOf);
  }

  /** Trains a model; deterministic for given examples (in a given order) and options. */
  static train(
    examples: readonly TrainingExample[],
    options: Partial<ClassifierOptions> = {},
  ): TextClassifier {
    const opts: ClassifierOptions = { ...DEFAULT_CLASSIFIER_OPTIONS, ...options };
    if (examples.length === 0) throw new Error('cannot train a classifier on no examples');
    const labels = [...new Set(examples.map(labelOf))].sort();
    const labelIndex = new Map(labels.map((label, i) => [label, i]));
    const termLists = examples.map((example) => extractTerms(example.text, opts.features));

    // Vocabulary and document frequencies; columns sorted by term so the model does not depend
    // on the order in which terms were first met.
    const df = new Map<string, number>();
    for (const terms of termLists) for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
    const vocabulary = [...df.entries()]
      .filter(([, count]) => count >= opts.minDf)
      .map(([term]) => term)
      .sort();
    const n = examples.length;
    // Smoothed idf as in scikit-learn: a term in every document still weighs 1, never 0.
    const idf = Float64Array.from(vocabulary, (term) =>
      roundStored(Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1),
    );

    const model = new TextClassifier(
      opts,
      labels,
      vocabulary,
      idf,
      new Float64Array(vocabulary.length * labels.length),
      new Float64Array(labels.length),
    );
    const vectors = termLists.map((terms) => model.vectorize(terms));
    const targets = examples.map((example) => labelIndex.get(labelOf(example)) ?? -1);
    model.fit(vectors, targets);
    return model;
  }

  static fromJSON(json: unknown): TextClassifier {
    const data = json as Partial<SerializedClassifier> | null;
    if (!data || typeof data !== 'object' || data.format !== MODEL_FORMAT) {
      throw new Error(`not a serialised text classifier (expected format ${MODEL_FORMAT})`);
    }
    const { options, labels, vocabulary, idf, weights, bias } = data;
    if (
      !options ||
      !Array.isArray(labels) ||
      !Array.isArray(vocabulary) ||
      !Array.isArray(idf) ||
      !Array.isArray(weights) ||
      !Array.isArray(bias) ||
      idf.length !== vocabulary.length ||
      weights.length !== vocabulary.length * labels.length ||
      bias.length !== labels.length
    ) {
      throw new Error('serialised text classifier is incomplete or inconsistent');
    }
    return new TextClassifier(
      // Options a model was stored without (older format revisions) take today's defaults.
      { ...DEFAULT_CLASSIFIER_OPTIONS, ...options },
      labels,
      vocabulary,
      Float64Array.from(idf),
      Float64Array.from(weights),
      Float64Array.from(bias),
    );
  }

  toJSON(): SerializedClassifier {
    return {
      format: MODEL_FORMAT,
      options: this.options,
      labels: [...this.labels],
      vocabulary: [...this.vocabulary],
      idf: Array.from(this.idf),
      weights: Array.from(this.weights),
      bias: Array.from(this.bias),
    };
  }

  get vocabularySize(): number {
    return this.vocabulary.length;
  }

  /** Probabilities of every label, in the order of {@link labels}. */
  probabilities(text: string): number[] {
    return this.softmax(this.vectorize(extractTerms(text, this.options.features)));
  }

  predict(text: string): Prediction {
    const probabilities = this.probabilities(text);
    const ranked = probabilities
      .map((score, i) => ({ label: this.labels[i], ...splitLabel(this.labels[i]), score }))
      // Ties broken by label so the ranking never depends on sort stability or label order.
      .sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : 1));
    const top = ranked[0];
    return {
      label: top.label,
      kind: top.kind,
      eventCode: top.eventCode,
      confidence: top.score,
      alternatives: ranked.slice(0, 3),
    };
  }

  /**
   * TF-IDF with sublinear tf (1 + ln tf), because a word repeated in a long message is not that
   * much more telling; each family (words, characters) L2-normalised on its own so long and short
   * messages weigh alike and neither family drowns the other, then scaled by its family weight.
   */
  private vectorize(terms: readonly string[]): SparseVector {
    const counts = new Map<number, number>();
    for (const term of terms) {
      const column = this.index.get(term);
      if (column !== undefined) counts.set(column, (counts.get(column) ?? 0) + 1);
    }
    const indices = [...counts.keys()].sort((a, b) => a - b);
    const values = indices.map((column) => (1 + Math.log(counts.get(column) ?? 1)) * this.idf[column]);
    const norms = [0, 0, 0];
    indices.forEach((column, k) => {
      norms[this.family[column]] += values[k] * values[k];
    });
    const { word, char, concept } = this.options.familyWeights;
    const scales = [word, char, concept].map((weight, f) =>
      norms[f] > 0 ? weight / Math.sqrt(norms[f]) : 0,
    );
    indices.forEach((column, k) => {
      values[k] *= scales[this.family[column]];
    });
    return { indices, values };
  }

  private scores(x: SparseVector, weights: Float64Array, bias: Float64Array, scale = 1): Float64Array {
    const c = this.labels.length;
    const out = new Float64Array(c);
    for (let k = 0; k < x.indices.length; k++) {
      const base = x.indices[k] * c;
      const value = x.values[k] * scale;
      for (let label = 0; label < c; label++) out[label] += weights[base + label] * value;
    }
    for (let label = 0; label < c; label++) out[label] += bias[label];
    return out;
  }

  private softmax(x: SparseVector): number[] {
    const scores = this.scores(x, this.weights, this.bias);
    const temperature = this.options.temperature;
    for (let label = 0; label < scores.length; label++) scores[label] /= temperature;
    return softmaxInPlace(scores);
  }

  /**
   * SGD on the L2-regularised multinomial logistic loss. The L2 shrinkage is applied lazily through
   * a global scale factor (w = scale * v), so each step costs only the non-zero features of one
   * message times the labels, not the whole weight matrix (Bottou, "Stochastic Gradient Descent
   * Tricks"). The returned weights are the average of the end-of-epoch iterates of the second half
   * of training: averaging removes most of the noise of the last steps, which matters on a small
   * corpus, and at epoch granularity it costs one pass over the weights per epoch.
   */
  private fit(vectors: readonly SparseVector[], targets: readonly number[]): void {
    const { epochs, l2, learningRate, seed } = this.options;
    const c = this.labels.length;
    const size = this.weights.length;
    const v = new Float64Array(size);
    const bias = new Float64Array(c);
    const weightSum = new Float64Array(size);
    const biasSum = new Float64Array(c);
    let averaged = 0;
    let scale = 1;
    let step = 0;
    const random = seededRandom(seed);
    const order = vectors.map((_, i) => i);
    const firstAveraged = Math.floor(epochs / 2);

    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffleInPlace(order, random);
      for (const i of order) {
        const x = vectors[i];
        const eta = learningRate / (1 + learningRate * l2 * step);
        step += 1;
        const gradient = softmaxInPlace(this.scores(x, v, bias, scale));
        gradient[targets[i]] -= 1; // d loss / d score of each label
        scale *= 1 - eta * l2;
        const stepSize = eta / scale;
        for (let k = 0; k < x.indices.length; k++) {
          const base = x.indices[k] * c;
          const value = stepSize * x.values[k];
          for (let label = 0; label < c; label++) v[base + label] -= gradient[label] * value;
        }
        for (let label = 0; label < c; label++) bias[label] -= eta * gradient[label];
        if (scale < 1e-6) {
          // Fold the scale into the weights long before it could underflow.
          for (let j = 0; j < size; j++) v[j] *= scale;
          scale = 1;
        }
      }
      if (epoch >= firstAveraged) {
        for (let j = 0; j < size; j++) weightSum[j] += v[j] * scale;
        for (let label = 0; label < c; label++) biasSum[label] += bias[label];
        averaged += 1;
      }
    }
    for (let j = 0; j < size; j++) this.weights[j] = roundStored(weightSum[j] / averaged);
    for (let label = 0; label < c; label++) this.bias[label] = roundStored(biasSum[label] / averaged);
  }
}

function softmaxInPlace(scores: Float64Array): number[] {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  const out = new Array<number>(scores.length);
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp(scores[i] - max);
    sum += out[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}
