import { Client } from 'pg';

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
const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * One LISTEN connection for the whole API, fanned out to every subscribed stream: a connection
 * per open browser tab would exhaust PostgreSQL's connections long before the API's sockets.
 * It connects on the first subscriber (the API starts while the database is away) and, once
 * lost, reconnects with backoff for as long as anyone is subscribed.
 */
export class CaseChangeFeed {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly listeners = new Set<CaseChangeListener>();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs = 500;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Log,
  ) {}

  /** Adds a listener once the feed is listening; fails (and adds nothing) when it cannot listen. */
  async subscribe(listener: CaseChangeListener): Promise<() => void> {
    if (this.closed) throw new Error('the case change feed is closed');
    await this.listen();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.listeners.clear();
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private listen(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 3000 });
    client.on('notification', (notification) => {
      if (notification.channel === CHANNEL && notification.payload) this.dispatch(notification.payload);
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'case change feed: connection error');
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
    this.reconnectDelayMs = 500;
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

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer || this.listeners.size === 0) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen().then(
        // Whatever was written while nobody listened was not announced: everyone reloads.
        () => this.emit({ type: 'resync' }),
        (error: unknown) => {
          this.log.warn({ err: error }, 'case change feed: reconnect failed');
          this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
          this.scheduleReconnect();
        },
      );
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
  }
}
