import type { FastifyBaseLogger } from 'fastify';
import type { SessionUser } from '../../../domain/auth/session-user';
import type { ChatHub, HubNotice } from '../../../services/chat/chat-hub';
import { chatRecordFor, chatRecordRow, listChats } from '../../../services/chat/chat-records';
import type { Orm } from '../../../services/service-deps';
import { send, type ChatSocket, type MessageCursor } from '../../chat/chat-socket';

const OPEN_STATUSES = ['WAITING', 'ACTIVE'] as const;

/** One clerk's socket in this process, and the chats it watches with the last line each was sent. */
export interface ClerkConnection {
  id: string;
  user: SessionUser;
  socket: ChatSocket;
  watching: Map<string, MessageCursor>;
}

/**
 * The clerks' sockets of this process and the fan-out of chat changes to them: every change of a
 * chat goes to every clerk's queue, new lines to the clerks watching that chat.
 */
export class ClerkRegistry {
  private readonly connections = new Set<ClerkConnection>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly hub: ChatHub,
    private readonly log: FastifyBaseLogger,
  ) {}

  add(connection: ClerkConnection): void {
    this.connections.add(connection);
    // Subscribed with the first socket, so an API nobody chats with holds no listening connection.
    this.unsubscribe ??= this.hub.subscribe((notice) => {
      void this.fanOut(notice).catch((error: unknown) =>
        this.log.warn({ err: error }, 'chat: clerk fan-out failed'),
      );
    });
  }

  remove(connection: ClerkConnection): void {
    this.connections.delete(connection);
  }

  /** The live queue (waiting and taken chats), oldest first. */
  async sendQueue(connection: ClerkConnection): Promise<void> {
    const { records } = await listChats(this.orm, connection.user.id, {
      filter: { status: [...OPEN_STATUSES] },
      sort: ['createdAt', 'ASC'],
      range: [0, 499],
    });
    send(connection.socket, { type: 'queue', chats: records });
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    await this.hub.close();
  }

  private async fanOut(notice: HubNotice): Promise<void> {
    if (this.connections.size === 0 || notice.type === 'presence') return;
    if (notice.type === 'resync') {
      for (const connection of this.connections) {
        await this.sendQueue(connection);
        for (const cursor of connection.watching.values()) void cursor.pull();
      }
      return;
    }
    if (notice.type === 'message') {
      for (const connection of this.connections) void connection.watching.get(notice.sessionId)?.pull();
    }
    // The queue shows each chat's newest line and state: every change goes to every clerk.
    const row = await chatRecordRow(this.orm, notice.sessionId);
    if (!row) return;
    for (const connection of this.connections) {
      send(connection.socket, { type: 'chat', chat: chatRecordFor(row, connection.user.id) });
    }
  }
}
