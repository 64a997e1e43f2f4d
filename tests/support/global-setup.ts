import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config as JestConfig } from '@jest/types';
import pg from 'pg';
import { bundleWorkflowCode } from '@temporalio/worker';
import { loadConfig } from '../../config/config';
import { createOrm } from '../../db/orm';
import { migrate } from '../../db/orm';
import { seedDemoUsers } from '../../db/seed/seed-demo-data';
import { seedReferenceData } from '../../db/seed/seed-reference-data';
import { writeBundledClassifierModel } from '../../services/classification/classifier-service';
import { startEmbeddedPostgres, ensureDatabase } from '../../scripts/services/embedded-postgres';
import { locateTemporalCli } from '../../scripts/services/temporal-cli';
import { ensureSearchAttributes, startTemporalDevServer } from '../../scripts/services/temporal-dev-server';
import { FAILURE_CONVERTER_PATH } from '../../services/temporal/temporal-payload-encryption';
import { WORKFLOWS_ENTRY } from '../../worker/create-worker';
import { searchAttributes } from '../../workflows/search-attributes';
import { freePort } from './free-port';
import {
  SERVICES_FILE_ENV,
  TEST_DEMO_PASSWORD,
  TEST_PASSWORD_HASH_COST,
  servicesFilePath,
  type TestServices,
} from './test-services';

const log = (line: string) => process.stderr.write(`[test-setup] ${line}\n`);

interface RunState {
  stops: (() => Promise<void>)[];
  services: TestServices;
}
type WithRunState = typeof globalThis & { __civicflowRun?: Promise<RunState> };

/**
 * One PostgreSQL server and one in-memory Temporal dev server for the whole run (the embedded
 * server in a temporary folder or DATABASE_URL's server; the dev server from the CLI `npm start`
 * uses, or TEMPORAL_ADDRESS). A template database is migrated and seeded once (reference data,
 * demo users with their password hashed once), and every jest worker gets a database cloned from
 * it, so test files that run at the same time never see each other's rows. The workflow bundle
 * and the classifier's model are built once too and handed to every worker.
 *
 * The integration and browser projects both name this setup; jest runs it once per project, so
 * the second call returns what the first started.
 */
export default async function globalSetup(
  globalConfig?: JestConfig.GlobalConfig,
): Promise<RunState['services']> {
  const state = globalThis as WithRunState;
  state.__civicflowRun ??= startRunServices(Math.max(1, globalConfig?.maxWorkers ?? 1));
  const run = await state.__civicflowRun;
  process.env[SERVICES_FILE_ENV] = servicesFilePath();
  return run.services;
}

/** Stops what globalSetup started (any number of calls; the first one stops). */
export async function stopRunServices(): Promise<void> {
  const state = globalThis as WithRunState;
  const running = state.__civicflowRun;
  if (!running) return;
  state.__civicflowRun = undefined;
  const { stops, services } = await running;
  for (const stop of stops.reverse()) await stop();
  fs.rmSync(services.tmpDir, { recursive: true, force: true });
  fs.rmSync(servicesFilePath(), { force: true });
}

async function startRunServices(workers: number): Promise<RunState> {
  const started = Date.now();
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicflow-test-'));
  fs.chmodSync(tmpDir, 0o755);
  const stops: (() => Promise<void>)[] = [];

  // PostgreSQL and Temporal start side by side; neither needs the other.
  const [database, temporalAddress] = await Promise.all([
    startDatabases(config, tmpDir, workers, stops),
    startTemporal(config, stops),
  ]);

  const [bundle, classifierModelPath] = await Promise.all([
    bundleWorkflowCode({
      workflowsPath: WORKFLOWS_ENTRY,
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: quietLogger,
    }),
    writeBundledClassifierModel(path.join(tmpDir, 'classifier-model.json')),
  ]);
  const workflowBundlePath = path.join(tmpDir, 'workflow-bundle.js');
  fs.writeFileSync(workflowBundlePath, bundle.code);

  const services: TestServices = {
    databaseUrl: database.workerUrls[0],
    workerDatabaseUrls: database.workerUrls,
    adminDatabaseUrl: database.adminUrl,
    temporalAddress,
    namespace: config.temporal.namespace,
    workflowBundlePath,
    classifierModelPath,
    tmpDir,
  };
  fs.writeFileSync(servicesFilePath(), JSON.stringify(services));
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${workers} worker database(s))`);
  return { stops, services };
}

async function startDatabases(
  config: ReturnType<typeof loadConfig>,
  tmpDir: string,
  workers: number,
  stops: (() => Promise<void>)[],
): Promise<{ adminUrl: string; workerUrls: string[] }> {
  let serverUrl: URL;
  let prefix: string;
  if (config.database.url) {
    serverUrl = new URL(config.database.url);
    prefix = `civicflow_test_${process.pid}_${Date.now()}`;
    log(`PostgreSQL: databases ${prefix}_* on DATABASE_URL's server`);
  } else {
    const pgServer = await startEmbeddedPostgres({
      dataDir: path.join(tmpDir, 'postgres'),
      port: await freePort(),
      database: 'postgres',
    });
    stops.push(pgServer.stop);
    serverUrl = new URL(pgServer.url);
    prefix = 'civicflow_test';
    log(`PostgreSQL: embedded server at ${serverUrl.host}`);
  }
  const urlOf = (database: string) => {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const adminUrl = urlOf('postgres');

  const template = `${prefix}_template`;
  await ensureDatabase(adminUrl, template);
  const orm = createOrm(urlOf(template));
  try {
    await migrate(orm);
    await seedReferenceData(orm);
    await seedDemoUsers(orm, TEST_DEMO_PASSWORD, TEST_PASSWORD_HASH_COST);
  } finally {
    await orm.close();
  }

  const names = Array.from({ length: workers }, (_, i) => `${prefix}_w${i + 1}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Cloning copies files: much faster than migrating and seeding again, and each copy starts equal.
    for (const name of names) await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  if (config.database.url) {
    stops.push(() => dropDatabases(adminUrl, [...names, template]));
  }
  return { adminUrl, workerUrls: names.map(urlOf) };
}

/** On a server the run does not own, its databases go away with it. */
async function dropDatabases(adminUrl: string, names: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

async function startTemporal(
  config: ReturnType<typeof loadConfig>,
  stops: (() => Promise<void>)[],
): Promise<string> {
  if (config.temporal.address) {
    await ensureSearchAttributes(config.temporal.address, config.temporal.namespace, searchAttributes);
    log(`Temporal: using ${config.temporal.address}`);
    return config.temporal.address;
  }
  const source = await locateTemporalCli({
    cliPath: config.temporal.cliPath,
    cacheDir: config.temporal.cacheDir,
    log,
  });
  const server = await startTemporalDevServer({
    source,
    namespace: config.temporal.namespace,
    port: await freePort(),
    searchAttributes,
  });
  stops.push(server.stop);
  log(`Temporal: in-memory dev server at ${server.address}`);
  return server.address;
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => log(`bundle: ${message}`),
  error: (message: string) => log(`bundle: ${message}`),
};
