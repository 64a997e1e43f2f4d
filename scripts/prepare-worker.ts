/**
 * `npm run worker:prepare -- DIR`: builds what a worker would otherwise build at every start, into
 * DIR: the workflow bundle (for WORKFLOW_BUNDLE_FILE) and the classifier trained on the bundled
 * corpus (for CLASSIFIER_MODEL_FILE). A container image can run it at build time; the test suite
 * does the same once per run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeBundledClassifierModel } from '../services/classification/classifier-service';
import { FAILURE_CONVERTER_PATH } from '../services/temporal/temporal-payload-encryption';
import { WORKFLOWS_ENTRY } from '../worker/create-worker';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npm run worker:prepare -- DIR');
    process.exit(2);
  }
  fs.mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const bundleFile = path.resolve(dir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_ENTRY,
    failureConverterPath: FAILURE_CONVERTER_PATH,
  });
  fs.writeFileSync(bundleFile, code);
  const modelFile = writeBundledClassifierModel(path.resolve(dir, 'classifier-model.json'));
  console.log(`written in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
  console.log(`  WORKFLOW_BUNDLE_FILE=${bundleFile}`);
  console.log(`  CLASSIFIER_MODEL_FILE=${modelFile}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
