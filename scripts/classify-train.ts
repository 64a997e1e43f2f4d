/**
 * `npm run classify:train -- FILE`: trains the message classifier on the bundled corpus and writes
 * it to FILE for CLASSIFIER_MODEL_FILE, so workers and API processes load it at start instead of
 * each training the same model (a container image can do this at build time).
 */
import path from 'node:path';
import { writeBundledClassifierModel } from '../activities/classification/classifier-service';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run classify:train -- FILE');
  process.exit(2);
}
const started = Date.now();
writeBundledClassifierModel(path.resolve(file));
console.log(`classifier model written to ${path.resolve(file)} in ${Date.now() - started} ms`);
