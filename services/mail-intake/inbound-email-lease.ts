import type { Orm } from '../../db/orm';

/** How long one process may work on a row before another may take it over (it is presumed dead). */
const LEASE_SECONDS = 120;

/** A stored message as the process that leased it reads it. */
export interface LeasedInboundEmail {
  id: string;
  raw: Buffer;
  envelope_from: string;
  attempts: number;
  /** Set before a reply tries to reopen its case, so that a second run asks the same question. */
  case_id: string | null;
}

/** What became of a message, written to its row when the lease ends. */
export type InboundEmailOutcome =
  | { status: 'PROCESSED'; reason: string; caseId: string; createdCase: boolean }
  | { status: 'IGNORED'; reason: string; caseId?: undefined; createdCase?: undefined };

export interface InboundEmailLease {
  row: LeasedInboundEmail;
  /** The message is done with: its outcome is recorded and the lease released. */
  finish(outcome: InboundEmailOutcome): Promise<void>;
  /** Retrying cannot help: the row is FAILED for a person to look at. */
  fail(reason: string): Promise<void>;
  /** A passing failure: the row stays RECEIVED and is not taken again for `delaySeconds`. */
  postpone(reason: string, delaySeconds: number): Promise<void>;
}

/**
 * Leases one RECEIVED message for this process (and counts the attempt), or returns null when it
 * is processed already or another process holds a lease on it that has not run out.
 */
export async function leaseInboundEmail(orm: Orm, id: string): Promise<InboundEmailLease | null> {
  const em = orm.em.fork();
  const [row] = await em.execute<LeasedInboundEmail[]>(
    `update inbound_emails
       set locked_until = now() + make_interval(secs => ?), attempts = attempts + 1
     where id = ? and status = 'RECEIVED' and (locked_until is null or locked_until < now())
     returning id, raw, envelope_from, attempts, case_id`,
    [LEASE_SECONDS, id],
  );
  if (!row) return null;
  return {
    row,
    async finish(outcome) {
      await em.execute(
        `update inbound_emails
           set status = ?, reason = ?, case_id = ?, created_case = ?, processed_at = now(), locked_until = null
         where id = ?`,
        [outcome.status, outcome.reason, outcome.caseId ?? null, outcome.createdCase === true, row.id],
      );
    },
    async fail(reason) {
      await em.execute(
        `update inbound_emails set status = 'FAILED', reason = ?, processed_at = now(), locked_until = null where id = ?`,
        [reason, row.id],
      );
    },
    async postpone(reason, delaySeconds) {
      await em.execute(
        `update inbound_emails set reason = ?, locked_until = now() + make_interval(secs => ?) where id = ?`,
        [reason, delaySeconds, row.id],
      );
    },
  };
}

/** Messages still RECEIVED whose lease is free, oldest first: what a crash or a passing failure left. */
export async function waitingInboundEmails(orm: Orm, limit: number): Promise<string[]> {
  const rows = await orm.em.fork().execute<{ id: string }[]>(
    `select id from inbound_emails
       where status = 'RECEIVED' and (locked_until is null or locked_until < now())
       order by received_at limit ?`,
    [limit],
  );
  return rows.map((row) => row.id);
}
