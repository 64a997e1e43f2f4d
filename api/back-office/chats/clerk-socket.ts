import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { SessionUser } from '../../../domain/auth/session-user';
import { AppError } from '../../../domain/errors';
import type { ChatHub } from '../../../services/chat/chat-hub';
import { chatRecordFor, chatRecordRow } from '../../../services/chat/chat-records';
import { clerkConnected, clerkDisconnected, clerkStillThere } from '../../../services/chat/chat-store';
import { replyInChat } from '../../../services/chat/clerk-chat-commands';
import type { AppDeps } from '../../app';
import { authenticate } from '../../auth/authenticate';
import {
  CLOSE,
  errorFrame,
  HEARTBEAT_MS,
  HELLO_TIMEOUT_MS,
  MessageCursor,
  parseFrame,
  send,
  type ChatSocket,
} from '../../chat/chat-socket';
import type { ClerkConnection, ClerkRegistry } from './clerk-registry';
import { clerkFrame, clerkHello } from './chats.schemas';

/**
 * The clerk's socket. Browsers cannot set headers on a WebSocket, so the first frame carries
 * the bearer token; it goes through the same session checks as every REST request, again on
 * every command and heartbeat, so a logout or a locked account ends the socket too.
 */
export function serveClerkSocket(
  deps: AppDeps,
  hub: ChatHub,
  registry: ClerkRegistry,
  socket: ChatSocket,
  request: FastifyRequest,
  log: FastifyBaseLogger,
): void {
  let connection: ClerkConnection | null = null;
  let alive = true;
  let frames: Promise<void> = Promise.resolve();
  const connectionId = randomUUID();

  const helloTimer = setTimeout(
    () => socket.close(CLOSE.UNAUTHENTICATED, 'hello expected'),
    HELLO_TIMEOUT_MS,
  );
  const heartbeat = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
    if (connection) {
      reauthenticate().then(
        (ok) => (ok ? clerkStillThere(deps.orm, connectionId) : undefined),
        () => undefined,
      );
    }
  }, HEARTBEAT_MS);
  socket.on('pong', () => {
    alive = true;
  });
  socket.on('close', () => {
    clearTimeout(helloTimer);
    clearInterval(heartbeat);
    if (connection) {
      registry.remove(connection);
      clerkDisconnected(deps.orm, hub, connectionId).catch((error: unknown) =>
        log.warn({ err: error }, 'chat: could not record a clerk leaving'),
      );
    }
  });
  socket.on('message', (data, isBinary) => {
    frames = frames
      .then(() => handle(data, isBinary))
      .catch((error: unknown) => {
        log.warn({ err: error }, 'chat: clerk frame failed');
        send(socket, errorFrame(error));
      });
  });

  /** False (and the socket closed) when the session has ended or the role no longer fits. */
  async function reauthenticate(): Promise<boolean> {
    try {
      const user = await authenticate(deps, request);
      if (user.role !== 'CLERK' && user.role !== 'ADMIN') {
        socket.close(CLOSE.FORBIDDEN, 'this needs the role CLERK or ADMIN');
        return false;
      }
      if (connection) connection.user = user;
      return true;
    } catch {
      socket.close(CLOSE.UNAUTHENTICATED, 'the session has ended');
      return false;
    }
  }

  async function hello(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<void> {
    let frame;
    try {
      frame = parseFrame(clerkHello, data, isBinary);
    } catch (error) {
      send(socket, errorFrame(error));
      return socket.close(CLOSE.BAD_FRAME, 'hello expected');
    }
    request.headers.authorization = `Bearer ${frame.token}`;
    let user: SessionUser;
    try {
      user = await authenticate(deps, request);
    } catch (error) {
      send(socket, errorFrame(error));
      return socket.close(CLOSE.UNAUTHENTICATED, 'sign in first');
    }
    if (user.role !== 'CLERK' && user.role !== 'ADMIN') {
      send(socket, errorFrame(new AppError('FORBIDDEN', 'This needs one of the roles CLERK, ADMIN')));
      return socket.close(CLOSE.FORBIDDEN, 'this needs the role CLERK or ADMIN');
    }
    clearTimeout(helloTimer);
    connection = { id: connectionId, user, socket, watching: new Map() };
    registry.add(connection);
    await clerkConnected(deps.orm, hub, { id: connectionId, userId: user.id, username: user.username });
    send(socket, { type: 'ready', user: { username: user.username, displayName: user.displayName } });
    await registry.sendQueue(connection);
  }

  async function handle(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<void> {
    if (!connection) return hello(data, isBinary);
    let frame;
    try {
      frame = parseFrame(clerkFrame, data, isBinary);
    } catch (error) {
      return send(socket, errorFrame(error));
    }
    if (frame.type === 'ping') return send(socket, { type: 'pong' });
    if (!(await reauthenticate())) return;
    const current = connection;
    if (frame.type === 'unwatch') {
      current.watching.delete(frame.chatId);
      return;
    }
    if (frame.type === 'watch') {
      const row = await chatRecordRow(deps.orm, frame.chatId);
      if (!row) return send(socket, errorFrame(new AppError('NOT_FOUND', `No chat ${frame.chatId}`)));
      const chatId = frame.chatId;
      const cursor = new MessageCursor(
        deps.orm,
        chatId,
        frame.lastSeq,
        (message) => send(socket, { type: 'message', chatId, ...message }),
        log,
      );
      current.watching.set(chatId, cursor);
      send(socket, { type: 'chat', chat: chatRecordFor(row, current.user.id) });
      await cursor.pull();
      return;
    }
    try {
      const posted = await replyInChat(deps, hub, current.user, frame.chatId, {
        clientId: frame.clientId,
        text: frame.text,
      });
      send(socket, { type: 'ack', chatId: frame.chatId, clientId: frame.clientId, seq: posted.seq });
      await current.watching.get(frame.chatId)?.pull();
    } catch (error) {
      send(socket, errorFrame(error, { chatId: frame.chatId, clientId: frame.clientId }));
    }
  }
}
