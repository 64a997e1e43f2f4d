import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import type { Orm } from '../../db/orm';
import { Case } from '../../db/entities';
import { caseSettings, startCaseWorkflow, type StartCaseDeps } from './start-case-workflow';

/**
 * A case is committed before its workflow starts. If the accepting process dies in between, the
 * case would wait forever; this sweep starts the workflow of any case left unstarted for a while.
 */
export async function reconcileUnstartedCases(deps: StartCaseDeps, olderThanMs: number): Promise<number> {
  const em = deps.orm.em.fork();
  const rows = await em.find(
    Case,
    { workflowStartedAt: null, createdAt: { $lt: new Date(Date.now() - olderThanMs) } },
    { limit: 500, orderBy: { createdAt: 'asc' } },
  );
  for (const row of rows) await startCaseWorkflow(deps, row);
  return rows.length;
}

export function startUnstartedCaseReconciler(options: {
  orm: Orm;
  temporal: Client;
  config: Config;
  log: (line: string) => void;
  intervalMs?: number;
}): { stop(): void } {
  const deps: StartCaseDeps = {
    orm: options.orm,
    temporal: options.temporal,
    taskQueue: options.config.temporal.taskQueue,
    settings: caseSettings(options.config),
  };
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const started = await reconcileUnstartedCases(deps, 10_000);
      if (started > 0) options.log(`started workflows of ${started} accepted case(s) left unstarted`);
    } catch (error) {
      options.log(`reconciler: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), options.intervalMs ?? 30_000);
  return { stop: () => clearInterval(timer) };
}
