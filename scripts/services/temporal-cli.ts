import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The newest Temporal CLI whose go.mod has no `replace` directive, so `go install` accepts it. */
export const TEMPORAL_CLI_VERSION = '1.5.1';
const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

export type TemporalCliSource =
  | { kind: 'path'; path: string; origin: 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'built' }
  | { kind: 'sdk-download'; downloadDir: string };

interface LocateOptions {
  cliPath?: string;
  cacheDir: string;
  log?: (line: string) => void;
  /** Build with Go when nothing is found; false only reports what is there. */
  build?: boolean;
}

export function cachedCliPath(cacheDir: string): string {
  return path.join(cacheDir, `temporal-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, command))) return path.join(dir, command);
  }
  return undefined;
}

/**
 * Finds the `temporal` CLI: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the cache folder
 * outside the repository; when none is there and Go is installed, builds it into the cache;
 * without Go, falls back to the SDK's download (which needs internet access).
 */
export async function locateTemporalCli(options: LocateOptions): Promise<TemporalCliSource> {
  const log = options.log ?? (() => {});
  if (options.cliPath) {
    if (!isExecutable(options.cliPath)) {
      throw new Error(`TEMPORAL_CLI_PATH=${options.cliPath} is not an executable file`);
    }
    return { kind: 'path', path: options.cliPath, origin: 'TEMPORAL_CLI_PATH' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) return { kind: 'path', path: fromPath, origin: 'PATH' };
  const cached = cachedCliPath(options.cacheDir);
  if (isExecutable(cached)) return { kind: 'path', path: cached, origin: 'cache' };
  if (options.build === false) {
    throw new Error(`Temporal CLI not found (looked at TEMPORAL_CLI_PATH, PATH and ${cached})`);
  }
  if (onPath('go')) {
    await buildTemporalCli(path.dirname(cached), log);
    return { kind: 'path', path: cached, origin: 'built' };
  }
  log('Go is not installed: the Temporal SDK will download the dev server (needs internet access)');
  return { kind: 'sdk-download', downloadDir: path.join(options.cacheDir, 'sdk-download') };
}

/**
 * `go install` of the official CLI module. It takes minutes on a small machine and prints little,
 * so we relay its module downloads and show a heartbeat with the elapsed time.
 */
export async function buildTemporalCli(binDir: string, log: (line: string) => void): Promise<void> {
  fs.mkdirSync(binDir, { recursive: true });
  const goVersion = spawnSync('go', ['version']).stdout?.toString().trim();
  log(`building Temporal CLI ${TEMPORAL_CLI_VERSION} with ${goVersion} into ${binDir}`);
  log('this takes several minutes the first time (about 1 GB of Go modules); later starts reuse the binary');
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
  const child = spawn(
    'go',
    [
      'install',
      '-ldflags',
      `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
      `${TEMPORAL_CLI_MODULE}@v${TEMPORAL_CLI_VERSION}`,
    ],
    {
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: binDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let downloaded = 0;
  const tail: string[] = [];
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (line.startsWith('go: downloading')) {
        downloaded += 1;
        if (downloaded % 25 === 1)
          log(`  [${elapsed()}] ${downloaded} modules downloaded (${line.slice(16)})`);
      } else {
        log(`  [${elapsed()}] ${line}`);
      }
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const heartbeat = setInterval(() => log(`  [${elapsed()}] still building Temporal CLI...`), 30_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) {
      throw new Error(
        `go install of the Temporal CLI failed (exit ${code}). Last output:\n${tail.join('\n')}\n` +
          'Set TEMPORAL_CLI_PATH to an existing binary, or TEMPORAL_ADDRESS to a running server.',
      );
    }
  } finally {
    clearInterval(heartbeat);
  }
  log(`Temporal CLI built in ${elapsed()}`);
}
