import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { loadConfig } from '../../config/config';
import { createOrm } from '../../db/orm';
import { migrate } from '../../db/orm';
import { seedReferenceData } from '../../db/seed/seed-reference-data';
import { startEmbeddedPostgres, ensureDatabase } from '../../scripts/services/embedded-postgres';
import { locateTemporalCli } from '../../scripts/services/temporal-cli';
import { ensureSearchAttributes, startTemporalDevServer } from '../../scripts/services/temporal-dev-server';
import { WORKFLOWS_ENTRY } from '../../worker/create-worker';
import { searchAttributes } from '../../workflows/search-attributes';
import { freePort } from './free-port';
import { SERVICES_FILE_ENV, servicesFilePath, type TestServices } from './test-services';

const log = (line: string) => process.stderr.write(`[test-setup] ${line}\n`);

/**
 * One PostgreSQL and one in-memory Temporal dev server for the whole run: the embedded server in a
 * temporary folder (or a fresh database on DATABASE_URL's server), the dev server from the same
 * CLI `npm start` uses (or TEMPORAL_ADDRESS).
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicflow-test-'));
  fs.chmodSync(tmpDir, 0o755);
  const stops: (() => Promise<void>)[] = [];
  (globalThis as { __civicflowStops?: typeof stops }).__civicflowStops = stops;

  let databaseUrl: string;
  if (config.database.url) {
    const url = new URL(config.database.url);
    const database = `civicflow_test_${process.pid}_${Date.now()}`;
    const adminUrl = new URL(url);
    adminUrl.pathname = '/postgres';
    await ensureDatabase(adminUrl.toString(), database);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    log(`PostgreSQL: fresh database ${database} on DATABASE_URL's server`);
  } else {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(tmpDir, 'postgres'),
      port: await freePort(),
      database: 'civicflow_test',
    });
    stops.push(pg.stop);
    databaseUrl = pg.url;
    log(`PostgreSQL: embedded server at ${databaseUrl}`);
  }

  const orm = createOrm(databaseUrl);
  try {
    await migrate(orm);
    await seedReferenceData(orm);
  } finally {
    await orm.close();
  }

  let temporalAddress: string;
  if (config.temporal.address) {
    temporalAddress = config.temporal.address;
    await ensureSearchAttributes(temporalAddress, config.temporal.namespace, searchAttributes);
    log(`Temporal: using ${temporalAddress}`);
  } else {
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
    temporalAddress = server.address;
    log(`Temporal: in-memory dev server at ${temporalAddress}`);
  }

  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_ENTRY, logger: quietLogger });
  const workflowBundlePath = path.join(tmpDir, 'workflow-bundle.js');
  fs.writeFileSync(workflowBundlePath, bundle.code);

  const services: TestServices = {
    databaseUrl,
    temporalAddress,
    namespace: config.temporal.namespace,
    workflowBundlePath,
    tmpDir,
  };
  const file = servicesFilePath();
  fs.writeFileSync(file, JSON.stringify(services));
  process.env[SERVICES_FILE_ENV] = file;
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => log(`bundle: ${message}`),
  error: (message: string) => log(`bundle: ${message}`),
};
