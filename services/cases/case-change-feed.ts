import { effectiveDatabaseUrl } from '../../config/config';
import { PgChannelListener } from '../../db/pg-channel-listener';
import type { SessionUser } from '../../domain/auth/session-user';
import type { ServiceDeps } from '../service-deps';

/** What the trigger of Migration20261129050000CaseChangeFeed announces on 'case_changes'. */
export interface CaseChange {
  id: string;
  number: string;
  status: string;
  unitCode: string | null;
  /** The unit the case was with before this write, when that was another unit. */
  previousUnitCode: string | null;
}

/**
 * `change`: one case was written. `resync`: the feed lost its connection for a while and
 * notifications may have been missed, so whatever a subscriber shows may be stale.
 */
export type CaseChangeMessage = { type: 'change'; change: CaseChange } | { type: 'resync' };
export type CaseChangeListener = (message: CaseChangeMessage) => void;

interface Log {
  warn(details: object, message: string): void;
}

const CHANNEL = 'case_changes';

/**
 * One LISTEN connection for the whole API, fanned out to every subscribed stream: a connection
 * per open browser tab would exhaust PostgreSQL's connections long before the API's sockets.
 * It connects on the first subscriber (the API starts while the database is away) and, once
 * lost, reconnects with backoff for as long as anyone is subscribed.
 */
export class CaseChangeFeed {
  private readonly listeners = new Set<CaseChangeListener>();
  private readonly channel: PgChannelListener;

  constructor(
    databaseUrl: string,
    private readonly log: Log,
  ) {
    this.channel = new PgChannelListener({
      databaseUrl,
      channel: CHANNEL,
      name: 'case change feed',
      log,
      onPayload: (payload) => this.dispatch(payload),
      wanted: () => this.listeners.size > 0,
      // Whatever was written while nobody listened was not announced: everyone reloads.
      onReconnected: () => this.emit({ type: 'resync' }),
    });
  }

  /** Adds a listener once the feed is listening; fails (and adds nothing) when it cannot listen. */
  async subscribe(listener: CaseChangeListener): Promise<() => void> {
    if (this.channel.closed) throw new Error('the case change feed is closed');
    await this.channel.listen();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.channel.close();
  }

  private dispatch(payload: string): void {
    let raw: {
      id: string;
      number: string;
      status: string;
      unit_code: string | null;
      previous_unit_code: string | null;
    };
    try {
      raw = JSON.parse(payload) as typeof raw;
    } catch {
      return;
    }
    const change: CaseChange = {
      id: raw.id,
      number: raw.number,
      status: raw.status,
      unitCode: raw.unit_code,
      previousUnitCode: raw.previous_unit_code !== raw.unit_code ? raw.previous_unit_code : null,
    };
    this.emit({ type: 'change', change });
  }

  private emit(message: CaseChangeMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (error) {
        this.log.warn({ err: error }, 'case change feed: a subscriber failed');
      }
    }
  }
}

/** The API's feed: on the database the ORM talks to (the embedded one when no URL is configured). */
export function createCaseChangeFeed(deps: Pick<ServiceDeps, 'orm' | 'config'>, log: Log): CaseChangeFeed {
  return new CaseChangeFeed(
    (deps.orm.config.get('clientUrl') as string | undefined) ?? effectiveDatabaseUrl(deps.config),
    log,
  );
}

/** Unit staff hear of their unit's cases only, including one that has just left the unit. */
export function mayHearOf(user: SessionUser, change: CaseChange): boolean {
  if (user.role !== 'UNIT_STAFF') return true;
  return change.unitCode === user.unitCode || change.previousUnitCode === user.unitCode;
}
