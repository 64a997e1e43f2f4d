import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The two browser apps the API serves: the back office (react-admin) and the residents' portal. */
type Frontend = { folder: 'admin' | 'portal'; label: string };
const BACK_OFFICE: Frontend = { folder: 'admin', label: 'back office' };
const PORTAL: Frontend = { folder: 'portal', label: 'residents’ portal' };

/** Builds a frontend with Vite into `outDir` when there is no build there or its sources changed since. */
async function ensureBuilt(
  frontend: Frontend,
  log: (line: string) => void,
  outDir = path.join(ROOT, frontend.folder, 'dist'),
): Promise<void> {
  const dir = path.join(ROOT, frontend.folder);
  const index = path.join(outDir, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(dir)) return;
  log(`building the ${frontend.label} (Vite)...`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      path.join(ROOT, 'node_modules', '.bin', 'vite'),
      [
        'build',
        '--config',
        `${frontend.folder}/vite.config.mts`,
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
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
      code === 0 ? resolve() : reject(new Error(`${frontend.label} build failed (exit ${code})`)),
    );
  });
  log(`${frontend.label} built in ${Math.round((Date.now() - started) / 1000)} s`);
}

export const ensureAdminBuilt = (log: (line: string) => void) => ensureBuilt(BACK_OFFICE, log);
/** `outDir`: where to build (PORTAL_DIST_DIR); by default portal/dist. */
export const ensurePortalBuilt = (log: (line: string) => void, outDir?: string) =>
  ensureBuilt(PORTAL, log, outDir);
