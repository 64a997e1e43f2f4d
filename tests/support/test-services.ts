import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the global setup started for this test run, shared with every integration test. */
export interface TestServices {
  /** This jest worker's own database (a clone of the run's migrated, seeded template). */
  databaseUrl: string;
  /** Every worker's database, by JEST_WORKER_ID - 1. */
  workerDatabaseUrls: string[];
  /** The server's `postgres` database, for tests that need a database of their own. */
  adminDatabaseUrl: string;
  temporalAddress: string;
  namespace: string;
  workflowBundlePath: string;
  /** The classifier trained once on the bundled corpus (CLASSIFIER_MODEL_FILE). */
  classifierModelPath: string;
  tmpDir: string;
}

export const SERVICES_FILE_ENV = 'CIVICFLOW_TEST_SERVICES';

/** Every test file signs demo users in with this password; the template database has them. */
export const TEST_DEMO_PASSWORD = 'demo-password-for-tests';

/**
 * log2 of scrypt's N for the suite's password hashes (PASSWORD_HASH_COST): thousands of sign-ins
 * at OWASP's 2^17 would take a second each. Only NODE_ENV=test accepts less than 17; a test of
 * its own signs in at the default cost.
 */
export const TEST_PASSWORD_HASH_COST = 10;

export function servicesFilePath(): string {
  return path.join(os.tmpdir(), `civicflow-test-services-${process.pid}.json`);
}

export function readTestServices(): TestServices {
  const file = process.env[SERVICES_FILE_ENV];
  if (!file || !fs.existsSync(file)) {
    throw new Error('Integration tests need the global setup: run them through jest (npm test).');
  }
  const services = JSON.parse(fs.readFileSync(file, 'utf8')) as TestServices;
  // jest numbers its workers from 1; a run in band is worker 1.
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const databaseUrl = services.workerDatabaseUrls[worker - 1];
  if (!databaseUrl) {
    throw new Error(
      `jest worker ${worker} has no database (the setup made ${services.workerDatabaseUrls.length}): ` +
        'is maxWorkers changed after the global setup?',
    );
  }
  return { ...services, databaseUrl };
}
