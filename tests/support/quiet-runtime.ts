import { DefaultLogger, Runtime } from '@temporalio/worker';

/** Workers in tests log warnings and errors only; the worker's state changes are noise there. */
let installed = false;
export function installQuietRuntime(): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier test file in this process.
  }
}
