import { effectiveDatabaseUrl } from '../../config/config';
import { PgChannelListener } from '../../db/pg-channel-listener';
import type { ServiceDeps } from '../service-deps';

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
  private readonly listeners = new Set<HubListener>();
  private readonly channel: PgChannelListener;

  constructor(
    databaseUrl: string,
    private readonly log: Log,
  ) {
    this.channel = new PgChannelListener({
      databaseUrl,
      channel: CHAT_CHANNEL,
      name: 'chat hub',
      log,
      onPayload: (payload) => this.dispatch(payload),
      wanted: () => this.listeners.size > 0,
      // What other replicas wrote before this connection listened was not heard: everyone rereads.
      onConnected: () => this.emit({ type: 'resync' }),
    });
  }

  subscribe(listener: HubListener): () => void {
    this.listeners.add(listener);
    if (!this.channel.closed) {
      this.channel.listen().catch((error: unknown) => {
        this.log.warn({ err: error }, 'chat hub: cannot listen yet');
        this.channel.retryLater();
      });
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** After this process committed a change: heard through NOTIFY when listening, told directly otherwise. */
  published(notice: ChatNotice): void {
    if (!this.channel.listening) this.emit(notice);
  }

  get listening(): boolean {
    return this.channel.listening;
  }

  async close(): Promise<void> {
    if (this.channel.closed) return;
    this.listeners.clear();
    await this.channel.close();
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
}

const hubs = new WeakMap<ServiceDeps, ChatHub>();

/** The app's one hub, shared by the residents' and the clerks' sockets. */
export function chatHubOf(deps: ServiceDeps, log: Log): ChatHub {
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
