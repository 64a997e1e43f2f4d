import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  ConfigError,
  isPublishedDevelopmentSecret,
  loadLocalStartConfig,
  type Config,
} from '../config/config';
import { createOrm } from '../db/orm';
import { searchAttributes } from '../workflows/search-attributes';
import { startEmbeddedPostgres } from './services/embedded-postgres';
import { startTemporalDevServer } from './services/temporal-dev-server';
import { ensureNamespaceAndSearchAttributes } from './services/temporal-namespace';
import { locateTemporalCli } from './services/temporal-cli';
import { prepareDatabase } from './services/prepare-database';
import { ensureAdminBuilt, ensurePortalBuilt } from './services/frontend-build';
import { startDevMailSink } from './services/dev-mail-sink';
import { localDevelopmentSecret } from './services/local-secret';

const ROOT = path.resolve(__dirname, '..');
const log = (line: string) => console.log(`[civicflow] ${line}`);

type Stop = () => Promise<void>;

/**
 * `npm start`: the whole system in one terminal. PostgreSQL (embedded unless DATABASE_URL is set),
 * Temporal (the dev server unless TEMPORAL_ADDRESS is set), migrations and seed data, then the
 * worker and the API as child processes. Ctrl-C stops everything in reverse order.
 */
async function main(): Promise<void> {
  const config = loadLocalStartConfig();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const stops: { name: string; stop: Stop }[] = [];
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${reason})...`);
    for (const { name, stop } of stops.reverse()) {
      try {
        await stop();
        log(`  stopped ${name}`);
      } catch (error) {
        log(`  ${name} did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));

  try {
    // The children decide nothing about NODE_ENV themselves: they run as this process resolved it.
    const env: Record<string, string> = { NODE_ENV: config.env };
    if (isPublishedDevelopmentSecret(config.secret)) {
      // Tokens and sessions of a development install must not be derivable by anyone who read the source.
      env.APP_SECRET = localDevelopmentSecret(config.dataDir);
      log(
        `APP_SECRET: unset, using this data folder's own random secret (${path.join(config.dataDir, 'app-secret')})`,
      );
    }

    if (config.database.url) {
      log('PostgreSQL: using DATABASE_URL');
      env.DATABASE_URL = config.database.url;
    } else {
      log(`PostgreSQL: starting the embedded server on port ${config.database.embeddedPort}`);
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, 'postgres'),
        port: config.database.embeddedPort,
        database: 'civicflow',
        log,
      });
      stops.push({ name: 'PostgreSQL', stop: pg.stop });
      env.DATABASE_URL = pg.url;
    }

    let temporalUi: string | undefined;
    if (config.temporal.address) {
      log(`Temporal: using ${config.temporal.address}`);
      await ensureNamespaceAndSearchAttributes(config.temporal.address, config.temporal.namespace, log);
      env.TEMPORAL_ADDRESS = config.temporal.address;
    } else {
      const source = await locateTemporalCli({
        cliPath: config.temporal.cliPath,
        cacheDir: config.temporal.cacheDir,
        log,
      });
      log(
        `Temporal: starting the dev server (${source.kind === 'path' ? `${source.path}, from ${source.origin}` : 'SDK download'})`,
      );
      const server = await startTemporalDevServer({
        source,
        namespace: config.temporal.namespace,
        port: config.temporal.devServerPort,
        uiPort: config.temporal.uiPort,
        dbFile: path.join(config.dataDir, 'temporal', 'temporal.db'),
        searchAttributes,
        log,
      });
      stops.push({ name: 'Temporal dev server', stop: server.stop });
      env.TEMPORAL_ADDRESS = server.address;
      temporalUi = server.uiUrl;
    }

    if (!config.mail.smtpUrl) {
      const mailDir = path.join(config.dataDir, 'mail');
      const sink = await startDevMailSink({ dir: mailDir, port: 0 });
      stops.push({ name: 'mail sink', stop: sink.stop });
      env.SMTP_URL = sink.url;
      log(`mail: no SMTP_URL, outgoing mail is kept as .eml files in ${mailDir}`);
    }

    const orm = createOrm(env.DATABASE_URL);
    const { demoUsers } = await prepareDatabase(orm, config, log, { createDemoData: true }).finally(() =>
      orm.close(),
    );

    await ensureAdminBuilt(log);
    await ensurePortalBuilt(log);

    const worker = runChild('worker', ['worker/main.ts'], env, () => void shutdown('the worker exited', 1));
    stops.push({ name: 'worker', stop: () => stopChild(worker) });
    const api = runChild('api', ['api/server.ts'], env, () => void shutdown('the API exited', 1));
    stops.push({ name: 'API', stop: () => stopChild(api) });
    await waitForHealth(config);

    printSummary(
      config,
      temporalUi,
      demoUsers.map((u) => u.username),
    );
  } catch (error) {
    console.error(`[civicflow] ${error instanceof Error ? error.message : String(error)}`);
    await shutdown('start failed', 1);
  }
}

function runChild(
  name: string,
  args: string[],
  env: Record<string, string>,
  onExit: () => void,
): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  child.on('exit', () => {
    if (!(child as ChildProcess & { stopping?: boolean }).stopping) onExit();
  });
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  (child as ChildProcess & { stopping?: boolean }).stopping = true;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function waitForHealth(config: Config): Promise<void> {
  const url = `http://127.0.0.1:${config.http.port}/ready`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the API did not become ready at ${url} within 60 s`);
}

function printSummary(config: Config, temporalUi: string | undefined, demoUsers: string[]): void {
  const base = `http://localhost:${config.http.port}`;
  const lines = [
    '',
    'civicflow is up.',
    `  Portal         ${base}/portal/`,
    `  API            ${base}/api/v1`,
    `  Back office    ${base}/admin/`,
    `  OpenAPI docs   ${base}/docs`,
    `  Temporal UI    ${temporalUi ?? '(external cluster: see its own UI)'}`,
    `  Mail intake    ${
      config.mailIntake.port === 0
        ? '(off: MAIL_INTAKE_PORT=0)'
        : `smtp://${config.mailIntake.host}:${config.mailIntake.port} for ${config.mailIntake.addresses.join(', ')}`
    }`,
    `  Data folder    ${config.dataDir}`,
  ];
  if (demoUsers.length) {
    lines.push(
      '',
      `Demo users (development only), password "${config.demo.password}":`,
      `  ${demoUsers.join(', ')}`,
      `Demo Open311 api_key: ${config.demo.open311Key}`,
    );
  }
  lines.push('', 'Press Ctrl-C to stop.', '');
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
