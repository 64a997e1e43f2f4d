import { iso } from '../cases/case-records';
import type { Sql } from './statistics-sql';

/**
 * Cases accepted but not yet taken up by a workflow (status NEW: no worker has classified them, or
 * Temporal was away when they came): the backlog a busy hour or an outage builds. Their deadlines
 * count from acceptance all the same, so a growing backlog is what an operator must see first.
 */
export interface IntakeBacklog {
  cases: number;
  /** When the oldest of them was accepted; null when none waits. */
  oldestAcceptedAt: string | null;
}

export async function intakeBacklog(sql: Sql): Promise<IntakeBacklog> {
  // cases_status_created_at answers both from the few NEW rows, however many cases there are.
  const [row] = await sql.execute<{ cases: number; oldest: Date | string | null }[]>(
    `select count(*)::int as cases, min(created_at) as oldest from cases where status = 'NEW'`,
    [],
  );
  return { cases: row?.cases ?? 0, oldestAcceptedAt: iso(row?.oldest ?? null) };
}
