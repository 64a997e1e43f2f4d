import { sleep } from '@temporalio/workflow';

/**
 * The baseline of bench/sla-timers.ts: a workflow that only waits for an instant and reports when
 * its worker handled the fired timer. What Temporal alone costs a deadline, on the same server.
 */
export async function timerProbe(dueAt: number): Promise<number> {
  await sleep(Math.max(1, dueAt - Date.now()));
  return Date.now();
}
