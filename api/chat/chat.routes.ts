import rateLimit from '@fastify/rate-limit';
import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import { AppError } from '../../domain/errors';
import { trackingToken } from '../../services/cases/tracking-token';
import type { AppDeps } from '../app';
import { chatHubOf, type HubNotice } from '../../services/chat/chat-hub';
import {
  CLOSE,
  errorFrame,
  HEARTBEAT_MS,
  HELLO_TIMEOUT_MS,
  MessageCursor,
  parseFrame,
  send,
  type ChatSocket,
} from './chat-socket';
import {
  clerksOnline,
  createSession,
  findSession,
  markResidentSeen,
  postMessage,
  residentLeaves,
  residentSession,
  sweepChats,
} from '../../services/chat/chat-store';
import { leaveMessage, residentChatStatus } from '../../services/chat/resident-chat';
import {
  availabilityResponse,
  chatIdParams,
  leaveMessageBody,
  leftMessageResponse,
  residentChatState,
  residentFrame,
  residentHello,
  startChatBody,
  startedChatResponse,
} from './chat.schemas';

/** A resident's socket may send this many messages per window; more is someone pasting a flood. */
const RESIDENT_BURST = { messages: 20, windowMs: 10_000 };
const SWEEP_EVERY_MS = 60_000;

interface ResidentConnection {
  sessionId: string;
  socket: ChatSocket;
  cursor: MessageCursor;
}

function trackingLink(deps: AppDeps, caseId: string, number: string): string {
  return `${deps.config.http.publicUrl}/api/v1/cases/${caseNumberToSlug(number)}?token=${trackingToken(deps.config.secret, caseId)}`;
}

/** What the widget shows of the chat's state, with the case it became when it did. */
async function residentState(deps: AppDeps, sessionId: string) {
  const chat = await residentChatStatus(deps.orm, sessionId);
  if (!chat) return null;
  return residentChatState.parse({
    status: chat.status,
    outcome: chat.outcome,
    clerkName: chat.clerkName,
    case: chat.case
      ? { number: chat.case.number, tracking: trackingLink(deps, chat.case.id, chat.case.number) }
      : null,
  });
}

/**
 * The residents' chat: start a chat, talk over a WebSocket, or leave a message that becomes a
 * case when nobody is free. Every message is stored before it is sent on, numbered within its
 * chat; a widget that reconnects says the last number it has and receives what came after.
 */
export const chatRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  await app.register(rateLimit, { global: false });
  const intakeLimit = { rateLimit: { max: deps.config.rateLimits.intakePerMinute, timeWindow: '1 minute' } };
  const trackingLimit = {
    rateLimit: { max: deps.config.rateLimits.trackingPerMinute, timeWindow: '1 minute' },
  };
  const hub = chatHubOf(deps, app.log);
  const connections = new Map<string, Set<ResidentConnection>>();

  // Subscribed with the first socket, so an API nobody chats with holds no listening connection.
  let unsubscribe: (() => void) | null = null;
  const listen = () => {
    unsubscribe ??= hub.subscribe((notice) => {
      void fanOut(notice).catch((error: unknown) => app.log.warn({ err: error }, 'chat: fan-out failed'));
    });
  };
  const sweeper = setInterval(() => {
    sweepChats(deps.orm, hub).catch((error: unknown) => app.log.warn({ err: error }, 'chat: sweep failed'));
  }, SWEEP_EVERY_MS);
  sweeper.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    unsubscribe?.();
    await hub.close();
  });

  async function fanOut(notice: HubNotice): Promise<void> {
    if (notice.type === 'presence' || notice.type === 'resync') {
      if (connections.size === 0) return;
      const online = (await clerksOnline(deps.orm)) > 0;
      for (const set of connections.values()) {
        for (const connection of set) send(connection.socket, { type: 'availability', clerksOnline: online });
      }
    }
    const sessionIds =
      notice.type === 'resync'
        ? [...connections.keys()]
        : notice.type === 'presence'
          ? []
          : [notice.sessionId];
    for (const sessionId of sessionIds) {
      const set = connections.get(sessionId);
      if (!set) continue;
      if (notice.type !== 'session') for (const connection of set) void connection.cursor.pull();
      if (notice.type !== 'message') {
        const state = await residentState(deps, sessionId);
        for (const connection of set) send(connection.socket, { type: 'state', ...state });
      }
    }
  }

  app.get(
    '/chat/availability',
    {
      config: trackingLimit,
      schema: {
        tags: ['chat'],
        summary: 'Whether a clerk is available to chat now',
        response: { 200: availabilityResponse },
      },
    },
    async () => ({ clerksOnline: (await clerksOnline(deps.orm)) > 0 }),
  );

  app.post(
    '/chat',
    {
      config: intakeLimit,
      schema: {
        tags: ['chat'],
        summary: 'Start a chat with the contact center',
        description:
          'Returns the chat id and the resident’s token. Then open the WebSocket ' +
          '`/api/v1/chat/{id}/ws` and send `{"type":"hello","token":…,"lastSeq":0}` first; the server ' +
          'answers `state` (status, clerk, case), `availability` and every `message` ' +
          '(`seq`, `sender`, `author`, `text`, `clientId`, `createdAt`) after `lastSeq`. Send ' +
          '`{"type":"message","clientId":…,"text":…}` (acknowledged by `ack` with its `seq`; the same ' +
          '`clientId` again stores nothing new) and `{"type":"leave"}` to end the chat. Refusals come ' +
          'as `error` frames with the REST API’s codes; close codes 4401 (no hello or a wrong token) ' +
          'and 4400 (a malformed hello) end the socket.',
        body: startChatBody,
        response: { 201: startedChatResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { row, token } = await createSession(deps.orm, hub, {
        name: body.name ?? null,
        email: body.email ?? null,
        language: body.language,
        message: body.message ?? null,
      });
      return reply.status(201).send({
        id: row.id,
        token,
        status: row.status,
        clerksOnline: (await clerksOnline(deps.orm)) > 0,
        links: { socket: `/api/v1/chat/${row.id}/ws`, leaveMessage: `/api/v1/chat/${row.id}/leave-message` },
      });
    },
  );

  app.post(
    '/chat/:id/leave-message',
    {
      config: intakeLimit,
      schema: {
        tags: ['chat'],
        summary: 'Leave a message when no clerk is free: the chat becomes a case',
        description:
          'Only while no clerk has taken the chat. What the resident wrote in the chat and the ' +
          'message here become the case’s description (channel CHAT); the case’s tracking token ' +
          'comes back. Sending it again returns the same case.',
        params: chatIdParams,
        body: leaveMessageBody,
        response: { 201: leftMessageResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      // Lines still waiting for their acknowledgement may already be stored: their clientIds say so.
      const lines = [
        ...(body.unsent ?? []),
        ...(body.message ? [{ clientId: body.clientId, text: body.message }] : []),
      ];
      const filed = await leaveMessage(deps, hub, {
        sessionId: request.params.id,
        token: body.token,
        name: body.name ?? null,
        email: body.email ?? null,
        lines: lines.map((line) => ({ clientId: line.clientId ?? null, text: line.text })),
        log: (message) => request.log.warn(message),
      });
      return reply.status(201).send({
        number: filed.number,
        trackingToken: trackingToken(deps.config.secret, filed.caseId),
        links: { tracking: trackingLink(deps, filed.caseId, filed.number) },
      });
    },
  );

  app.get(
    '/chat/:id/ws',
    { websocket: true, config: trackingLimit, schema: { params: chatIdParams } },
    (socket: ChatSocket, request) => {
      residentSocket(request.params.id, socket, request.log);
    },
  );

  function residentSocket(sessionId: string, socket: ChatSocket, log: FastifyBaseLogger): void {
    let connection: ResidentConnection | null = null;
    let alive = true;
    let frames: Promise<void> = Promise.resolve();
    const recent: number[] = [];

    const helloTimer = setTimeout(
      () => socket.close(CLOSE.UNAUTHENTICATED, 'hello expected'),
      HELLO_TIMEOUT_MS,
    );
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
      if (connection) markResidentSeen(deps.orm, sessionId).catch(() => undefined);
    }, HEARTBEAT_MS);
    socket.on('pong', () => {
      alive = true;
    });
    socket.on('close', () => {
      clearTimeout(helloTimer);
      clearInterval(heartbeat);
      if (connection) {
        const set = connections.get(sessionId);
        set?.delete(connection);
        if (set?.size === 0) connections.delete(sessionId);
      }
    });
    // One frame at a time: the hello is checked before anything sent after it.
    socket.on('message', (data, isBinary) => {
      frames = frames
        .then(() => handle(data, isBinary))
        .catch((error: unknown) => {
          log.warn({ err: error }, 'chat: resident frame failed');
          send(socket, errorFrame(error));
        });
    });

    async function hello(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<void> {
      let frame;
      try {
        frame = parseFrame(residentHello, data, isBinary);
      } catch (error) {
        send(socket, errorFrame(error));
        return socket.close(CLOSE.BAD_FRAME, 'hello expected');
      }
      const session = await residentSession(deps.orm, sessionId, frame.token).catch(() => null);
      if (!session) {
        send(socket, errorFrame(new AppError('NOT_FOUND', 'No chat with this id and token')));
        return socket.close(CLOSE.UNAUTHENTICATED, 'no chat with this id and token');
      }
      clearTimeout(helloTimer);
      await markResidentSeen(deps.orm, sessionId);
      const cursor = new MessageCursor(
        deps.orm,
        sessionId,
        frame.lastSeq,
        (message) => send(socket, { type: 'message', ...message }),
        log,
      );
      connection = { sessionId, socket, cursor };
      if (!connections.has(sessionId)) connections.set(sessionId, new Set());
      connections.get(sessionId)!.add(connection);
      listen();
      send(socket, { type: 'state', ...(await residentState(deps, sessionId)) });
      send(socket, { type: 'availability', clerksOnline: (await clerksOnline(deps.orm)) > 0 });
      await cursor.pull();
    }

    async function handle(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<void> {
      if (!connection) return hello(data, isBinary);
      let frame;
      try {
        frame = parseFrame(residentFrame, data, isBinary);
      } catch (error) {
        return send(socket, errorFrame(error));
      }
      if (frame.type === 'ping') return send(socket, { type: 'pong' });
      if (frame.type === 'leave') {
        await residentLeaves(deps.orm, hub, sessionId);
        return;
      }
      const now = Date.now();
      while (recent.length && recent[0] < now - RESIDENT_BURST.windowMs) recent.shift();
      if (recent.length >= RESIDENT_BURST.messages) {
        return send(
          socket,
          errorFrame(new AppError('RATE_LIMITED', 'Too many messages at once: wait a moment'), {
            clientId: frame.clientId,
          }),
        );
      }
      recent.push(now);
      const session = await findSession(deps.orm, sessionId);
      try {
        const posted = await postMessage(deps.orm, hub, {
          sessionId,
          sender: 'RESIDENT',
          author: session?.resident_name ?? null,
          clientId: frame.clientId,
          text: frame.text,
        });
        send(socket, { type: 'ack', clientId: frame.clientId, seq: posted.seq });
        await connection.cursor.pull();
      } catch (error) {
        send(socket, errorFrame(error, { clientId: frame.clientId }));
      }
    }
  }
};
