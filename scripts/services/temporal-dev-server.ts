import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import type { TemporalCliSource } from './temporal-cli';

export interface TemporalDevServerHandle {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

interface DevServerOptions {
  source: TemporalCliSource;
  namespace: string;
  port: number;
  uiPort?: number;
  /** SQLite file for durable state; omitted for an in-memory server (tests). */
  dbFile?: string;
  searchAttributes: SearchAttributeKey<SearchAttributeType>[];
  log?: (line: string) => void;
}

/** Starts `temporal server start-dev` and waits until its frontend answers. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<TemporalDevServerHandle> {
  const log = options.log ?? (() => {});
  const address = `127.0.0.1:${options.port}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
  ];
  if (options.dbFile) {
    fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=WAL');
  }
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  for (const key of options.searchAttributes) {
    args.push('--search-attribute', `${key.name}=${searchAttributeTypeName(key.type)}`);
  }

  if (options.source.kind === 'sdk-download') {
    return startThroughSdk(options, log);
  }

  const child = spawn(options.source.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 40) output.shift();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: string | null = null;
  child.on('exit', (code, signal) => {
    exited = `exit code ${code ?? 'none'}${signal ? `, signal ${signal}` : ''}`;
  });

  await waitForFrontend(
    address,
    () => exited,
    () => output.join(''),
    60_000,
  );
  // On an existing SQLite file, --search-attribute is not applied: register what is missing.
  await ensureSearchAttributes(address, options.namespace, options.searchAttributes);
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    stop: () => stopChild(child),
  };
}

async function waitForFrontend(
  address: string,
  exited: () => string | null,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = exited();
    if (status) {
      throw new Error(`Temporal dev server stopped (${status}) before it was ready:\n${output().trim()}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch {
      if (Date.now() > deadline) {
        throw new Error(
          `Temporal dev server did not answer at ${address} within ${timeoutMs / 1000}s:\n${output()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export function searchAttributeTypeName(type: SearchAttributeType): string {
  const names: Record<string, string> = {
    TEXT: 'Text',
    KEYWORD: 'Keyword',
    INT: 'Int',
    DOUBLE: 'Double',
    BOOL: 'Bool',
    DATETIME: 'Datetime',
    KEYWORD_LIST: 'KeywordList',
  };
  const name = names[String(type)];
  if (!name) throw new Error(`unknown search attribute type ${String(type)}`);
  return name;
}

const indexedValueTypes: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  TEXT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/** Registers the custom search attributes a namespace lacks; works on the dev server and on clusters. */
export async function ensureSearchAttributes(
  address: string,
  namespace: string,
  keys: SearchAttributeKey<SearchAttributeType>[],
): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = keys.filter((key) => !(key.name in (existing.customAttributes ?? {})));
    if (missing.length > 0) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(
          missing.map((key) => [key.name, indexedValueTypes[String(key.type)]]),
        ),
      });
    }
    return missing.map((key) => key.name);
  } finally {
    await connection.close();
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Without Go, the SDK downloads the same CLI and runs the dev server for us. */
async function startThroughSdk(
  options: DevServerOptions,
  log: (line: string) => void,
): Promise<TemporalDevServerHandle> {
  if (options.source.kind !== 'sdk-download') throw new Error('unreachable');
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  log(`downloading the Temporal dev server through the SDK into ${options.source.downloadDir}`);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download', downloadDir: options.source.downloadDir },
      namespace: options.namespace,
      ip: '127.0.0.1',
      port: options.port,
      ui: Boolean(options.uiPort),
      uiPort: options.uiPort,
      dbFilename: options.dbFile,
      searchAttributes: options.searchAttributes,
      extraArgs: options.dbFile ? ['--sqlite-pragma', 'journal_mode=WAL'] : [],
    },
  });
  const address = `127.0.0.1:${options.port}`;
  await ensureSearchAttributes(address, options.namespace, options.searchAttributes);
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    stop: () => env.teardown(),
  };
}
