import type { Connection } from '@temporalio/client';
import type { Orm } from '../../db/orm';

export type DependencyCheck = { ok: true } | { ok: false; reason: string };

async function check(probe: () => Promise<void>, timeoutMs: number): Promise<DependencyCheck> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Whether PostgreSQL and Temporal answer now, each within a few seconds; a reason for each that does not. */
export async function checkDependencies(deps: {
  orm: Orm;
  temporalProbe: Connection;
}): Promise<{ postgres: DependencyCheck; temporal: DependencyCheck }> {
  const [postgres, temporal] = await Promise.all([
    check(async () => {
      const result = await deps.orm.checkConnection();
      if (!result.ok) throw new Error(result.reason);
    }, 3000),
    check(async () => {
      const connection = deps.temporalProbe;
      await connection.withDeadline(Date.now() + 3000, () => connection.workflowService.getSystemInfo({}));
    }, 3500),
  ]);
  return { postgres, temporal };
}
