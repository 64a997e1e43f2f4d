import { Client } from 'pg';

interface Log {
  warn(details: object, message: string): void;
}

export interface PgChannelListenerOptions {
  databaseUrl: string;
  /** A plain identifier: it is written into the LISTEN statement as it is. */
  channel: string;
  /** Names the owner in log lines ("chat hub: reconnect failed"). */
  name: string;
  log: Log;
  /** Every non-empty payload announced on the channel while listening. */
  onPayload(payload: string): void;
  /** Whether anyone still wants to hear: a lost connection is only re-established while someone does. */
  wanted(): boolean;
  /** Each time a new connection starts listening, before `listen()` resolves. */
  onConnected?(): void;
  /** After a reconnection attempt (made after a lost connection or a failed attempt) succeeded. */
  onReconnected?(): void;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;
const FIRST_RECONNECT_DELAY_MS = 500;
const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * One PostgreSQL connection LISTENing on one channel, for owners that fan its notices out to many
 * subscribers (a connection per subscriber would exhaust PostgreSQL's connections). It connects
 * when first asked (the API starts while the database may be away); once the connection is lost,
 * or an attempt fails and the owner asks to retry, it reconnects with doubling backoff up to 30 s
 * for as long as the owner wants it. Concurrent `listen()` calls share one attempt.
 */
export class PgChannelListener {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
  private isClosed = false;

  constructor(private readonly options: PgChannelListenerOptions) {
    if (!CHANNEL_NAME.test(options.channel)) throw new Error(`not a channel name: ${options.channel}`);
  }

  get listening(): boolean {
    return this.client !== null;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Resolves once listening (at once when already); rejects when this attempt cannot connect. */
  listen(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** Tries again after the backoff delay, unless a retry is already due, nobody wants it or it is closed. */
  retryLater(): void {
    if (this.isClosed || this.reconnectTimer || !this.options.wanted()) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen().then(
        () => this.options.onReconnected?.(),
        (error: unknown) => {
          this.options.log.warn({ err: error }, `${this.options.name}: reconnect failed`);
          this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
          this.retryLater();
        },
      );
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { channel } = this.options;
    const client = new Client({ connectionString: this.options.databaseUrl, connectionTimeoutMillis: 3000 });
    client.on('notification', (notification) => {
      if (notification.channel === channel && notification.payload)
        this.options.onPayload(notification.payload);
    });
    client.on('error', (error) => {
      this.options.log.warn({ err: error }, `${this.options.name}: connection error`);
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.isClosed) {
      await client.end();
      return;
    }
    this.client = client;
    this.reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
    this.options.onConnected?.();
  }

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.retryLater();
  }
}
