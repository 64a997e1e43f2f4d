import { Client } from 'pg';
import { effectiveDatabaseUrl } from '../../config/config';
import type { AppDeps } from '../app';

/**
 * What changed in the chats, announced on PostgreSQL's 'chat_events' channel by the transaction
 * that wrote it. Notices carry no content: whoever hears one reads the rows, so a missed or
 * repeated notice costs a query, never a lost or doubled message.
 */
export type ChatNotice =
  { type: 'message'; sessionId: string } | { type: 'session'; sessionId: string } | { type: 'presence' };

/** `resync`: the hub lost its listening connection for a while; whatever is shown may be stale. */
export type HubNotice = ChatNotice | { type: 'resync' };
export type HubListener = (notice: HubNotice) => void;

export const CHAT_CHANNEL = 'chat_events';
const MAX_RECONNECT_DELAY_MS = 30_000;

interface Log {
  warn(details: object, message: string): void;
}

/** Queues the notice in the writing transaction: PostgreSQL delivers it on commit, never before. */
export async function announce(
  tx: { execute(sql: string, params: unknown[]): Promise<unknown> },
  notice: ChatNotice,
): Promise<void> {
  await tx.execute('select pg_notify(?, ?)', [CHAT_CHANNEL, JSON.stringify(notice)]);
}

/**
 * The fan-out of chat changes between API replicas: one LISTEN connection per process, shared by
 * every chat socket of that process. It connects on the first subscriber (the API starts while the
 * database is away) and reconnects with backoff; after a gap it tells everyone to resync. While it
 * is not listening, this process still hears its own writes through `published`.
 */
export class ChatHub {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly listeners = new Set<HubListener>();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs = 500;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Log,
  ) {}

  subscribe(listener: HubListener): () => void {
    this.listeners.add(listener);
    if (!this.closed) {
      this.listen().catch((error: unknown) => {
        this.log.warn({ err: error }, 'chat hub: cannot listen yet');
        this.scheduleReconnect();
      });
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** After this process committed a change: heard through NOTIFY when listening, told directly otherwise. */
  published(notice: ChatNotice): void {
    if (!this.client) this.emit(notice);
  }

  get listening(): boolean {
    return this.client !== null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
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
      if (notification.channel === CHAT_CHANNEL && notification.payload) this.dispatch(notification.payload);
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'chat hub: connection error');
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      await client.query(`listen ${CHAT_CHANNEL}`);
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
    // What other replicas wrote before this connection listened was not heard: everyone rereads.
    this.emit({ type: 'resync' });
  }

  private dispatch(payload: string): void {
    let notice: ChatNotice;
    try {
      notice = JSON.parse(payload) as ChatNotice;
    } catch {
      return;
    }
    this.emit(notice);
  }

  private emit(notice: HubNotice): void {
    for (const listener of this.listeners) {
      try {
        listener(notice);
      } catch (error) {
        this.log.warn({ err: error }, 'chat hub: a subscriber failed');
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
      this.listen().catch((error: unknown) => {
        this.log.warn({ err: error }, 'chat hub: reconnect failed');
        this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
        this.scheduleReconnect();
      });
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
  }
}

const hubs = new WeakMap<AppDeps, ChatHub>();

/** The app's one hub, shared by the residents' and the clerks' sockets. */
export function chatHubOf(deps: AppDeps, log: Log): ChatHub {
  let hub = hubs.get(deps);
  if (!hub) {
    hub = new ChatHub(
      (deps.orm.config.get('clientUrl') as string | undefined) ?? effectiveDatabaseUrl(deps.config),
      log,
    );
    hubs.set(deps, hub);
  }
  return hub;
}
