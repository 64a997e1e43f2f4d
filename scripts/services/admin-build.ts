import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const ADMIN = path.join(ROOT, 'admin');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the back office with Vite when there is no build or the sources changed since. */
export async function ensureAdminBuilt(log: (line: string) => void): Promise<void> {
  const index = path.join(ADMIN, 'dist', 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(ADMIN)) return;
  log('building the back office (Vite)...');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      path.join(ROOT, 'node_modules', '.bin', 'vite'),
      ['build', '--config', 'admin/vite.config.mts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
        // A production bundle whatever the caller runs as (jest sets NODE_ENV=test, which would make
        // Vite ship React's development build).
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`back-office build failed (exit ${code})`)),
    );
  });
  log(`back office built in ${Math.round((Date.now() - started) / 1000)} s`);
}
