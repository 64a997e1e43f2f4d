import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the global setup started for this test run, shared with every integration test. */
export interface TestServices {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  workflowBundlePath: string;
  tmpDir: string;
}

export const SERVICES_FILE_ENV = 'CIVICFLOW_TEST_SERVICES';

export function servicesFilePath(): string {
  return path.join(os.tmpdir(), `civicflow-test-services-${process.pid}.json`);
}

export function readTestServices(): TestServices {
  const file = process.env[SERVICES_FILE_ENV];
  if (!file || !fs.existsSync(file)) {
    throw new Error('Integration tests need the global setup: run them through jest (npm test).');
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TestServices;
}
