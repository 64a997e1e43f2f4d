import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CaseKind, CaseStatus, Channel } from '../../../domain/cases/case-states';
import { AppError } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import type { SessionUser } from '../../auth/auth.schemas';
import { authenticate, requireRole } from '../../auth/authenticate';
import { chatHubOf, type HubNotice } from '../../chat/chat-hub';
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
import {
  assertHeldBy,
  changeSession,
  clerkConnected,
  clerkDisconnected,
  clerkStillThere,
  findSession,
  insertMessage,
  messagesAfter,
  postMessage,
} from '../../chat/chat-store';
import { turnChatIntoCase, type CaseOutcome } from '../../chat/chat-to-case';
import { contentRange } from '../list-query';
import { actorOf } from '../cases/case-access';
import { iso } from '../cases/case-record';
import { chatRecordFor, chatRecordRow, listChats } from './chat-records';
import {
  answerChatBody,
  chatCaseResponse,
  chatIdParams,
  chatListQuery,
  chatRecord,
  chatToCaseBody,
  chatWithMessages,
  clerkFrame,
  clerkHello,
  clerkMessageBody,
  postedMessageResponse,
  residentCasesResponse,
} from './chats.schemas';

const RESIDENT_HISTORY_LIMIT = 20;
const OPEN_STATUSES = ['WAITING', 'ACTIVE'] as const;

interface ClerkConnection {
  id: string;
  user: SessionUser;
  socket: ChatSocket;
  watching: Map<string, MessageCursor>;
}

/**
 * The clerks' side of the chat: the live queue, taking a chat, talking, and ending it as a case,
 * as an answered question, or without either. REST for every command; the socket `/api/chats/ws`
 * carries the live queue and conversations (and replies, for a client that prefers it).
 */
export const backOfficeChatRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const contactCenter = requireRole(deps, 'CLERK', 'ADMIN');
  const hub = chatHubOf(deps, app.log);
  const connections = new Set<ClerkConnection>();
  const security = [{ bearerAuth: [] }];

  // Subscribed with the first socket, so an API nobody chats with holds no listening connection.
  let unsubscribe: (() => void) | null = null;
  const listen = () => {
    unsubscribe ??= hub.subscribe((notice) => {
      void fanOut(notice).catch((error: unknown) =>
        app.log.warn({ err: error }, 'chat: clerk fan-out failed'),
      );
    });
  };
  app.addHook('onClose', async () => {
    unsubscribe?.();
    await hub.close();
  });

  async function fanOut(notice: HubNotice): Promise<void> {
    if (connections.size === 0 || notice.type === 'presence') return;
    if (notice.type === 'resync') {
      for (const connection of connections) {
        await sendQueue(connection);
        for (const cursor of connection.watching.values()) void cursor.pull();
      }
      return;
    }
    if (notice.type === 'message') {
      for (const connection of connections) void connection.watching.get(notice.sessionId)?.pull();
    }
    // The queue shows each chat's newest line and state: every change goes to every clerk.
    const row = await chatRecordRow(deps.orm, notice.sessionId);
    if (!row) return;
    for (const connection of connections) {
      send(connection.socket, { type: 'chat', chat: chatRecordFor(row, connection.user.id) });
    }
  }

  async function sendQueue(connection: ClerkConnection): Promise<void> {
    const { records } = await listChats(deps.orm, connection.user.id, {
      filter: { status: [...OPEN_STATUSES] },
      sort: ['createdAt', 'ASC'],
      range: [0, 499],
    });
    send(connection.socket, { type: 'queue', chats: records });
  }

  async function record(id: string, user: SessionUser) {
    const row = await chatRecordRow(deps.orm, id);
    if (!row) throw new AppError('NOT_FOUND', `No chat ${id}`);
    return chatRecordFor(row, user.id);
  }

  const clerkOf = (request: FastifyRequest) => ({
    userId: request.staff!.id,
    actor: actorOf(request.staff!),
  });

  app.get(
    '/chats',
    {
      preHandler: contactCenter,
      schema: {
        tags: ['back office'],
        summary: 'Chats: the live queue (status WAITING, ACTIVE) and past conversations',
        security,
        querystring: chatListQuery,
        response: { 200: chatRecord.array() },
      },
    },
    async (request, reply) => {
      const { sort = ['createdAt', 'ASC'], range = [0, 24], filter = {} } = request.query;
      const { records, total } = await listChats(deps.orm, request.staff!.id, { filter, sort, range });
      reply.header('Content-Range', contentRange('chats', range[0], records.length, total));
      return records;
    },
  );

  app.get(
    '/chats/:id',
    {
      preHandler: contactCenter,
      schema: {
        tags: ['back office'],
        summary: 'One chat with its whole transcript',
        security,
        params: chatIdParams,
        response: { 200: chatWithMessages },
      },
    },
    async (request) => {
      const chat = await record(request.params.id, request.staff!);
      return { ...chat, messages: await messagesAfter(deps.orm, chat.id, 0, 100_000) };
    },
  );

  app.post(
    '/chats/:id/take',
    {
      preHandler: contactCenter,
      schema: {
        tags: ['back office'],
        summary: 'Take a waiting chat: the resident talks to this clerk from now on',
        security,
        params: chatIdParams,
        response: { 200: chatRecord },
      },
    },
    async (request) => {
      const staff = request.staff!;
      await changeSession(deps.orm, hub, request.params.id, async (tx, session) => {
        if (session.status === 'ACTIVE' && session.clerk_id === staff.id) return;
        if (session.status === 'ACTIVE') {
          throw new AppError('CONFLICT', `${session.clerk_username} has already taken this chat`, {
            clerk: session.clerk_username,
          });
        }
        if (session.status !== 'WAITING') {
          throw new AppError('INVALID_TRANSITION', 'This chat has ended', { status: session.status });
        }
        await tx.execute(
          `update chat_sessions set status = 'ACTIVE', clerk_id = ?, clerk_username = ?, clerk_name = ?,
             taken_at = now() where id = ?`,
          [staff.id, staff.username, staff.displayName, session.id],
        );
        await insertMessage(tx, session, {
          sender: 'SYSTEM',
          author: staff.displayName,
          clientId: null,
          text: 'CLERK_JOINED',
        });
      });
      return record(request.params.id, staff);
    },
  );

  app.post(
    '/chats/:id/release',
    {
      preHandler: contactCenter,
      schema: {
        tags: ['back office'],
        summary: 'Put a taken chat back in the queue for another clerk',
        security,
        params: chatIdParams,
        response: { 200: chatRecord },
      },
    },
    async (request) => {
      const staff = request.staff!;
      await changeSession(deps.orm, hub, request.params.id, async (tx, session) => {
        assertHeldBy(session, staff.id);
        await tx.execute(
          `update chat_sessions set status = 'WAITING', clerk_id = null, clerk_username = null,
             clerk_name = null, taken_at = null where id = ?`,
          [session.id],
        );
        await insertMessage(tx, session, {
          sender: 'SYSTEM',
          author: staff.displayName,
          clientId: null,
          text: 'CLERK_RELEASED',
        });
      });
      return record(request.params.id, staff);
    },
  );

  app.post(
    '/chats/:id/messages',
    {
      preHandler: contactCenter,
      config: { validationStatus: 422 },
      schema: {
        tags: ['back office'],
        summary: 'Reply in a chat this clerk holds',
        description: 'The same `clientId` again stores nothing new and returns the first number.',
        security,
        params: chatIdParams,
        body: clerkMessageBody,
        response: { 201: postedMessageResponse },
      },
    },
    async (request, reply) => {
      const staff = request.staff!;
      const posted = await postMessage(deps.orm, hub, {
        sessionId: request.params.id,
        sender: 'CLERK',
        author: staff.displayName,
        clerkId: staff.id,
        clientId: request.body.clientId ?? null,
        text: request.body.text,
      });
      return reply.status(201).send(posted);
    },
  );

  async function endAsCase(request: FastifyRequest, id: string, outcome: CaseOutcome, body: CaseBody) {
    const filed = await turnChatIntoCase(deps, hub, {
      sessionId: id,
      outcome,
      clerk: clerkOf(request),
      kind: body.kind,
      eventCode: body.eventCode ?? null,
      location: {
        district: body.location?.district ?? null,
        street: body.location?.street ?? null,
        building: body.location?.building ?? null,
        lat: body.location?.lat ?? null,
        lon: body.location?.lon ?? null,
      },
      description: body.description ?? null,
      answer: body.answer ?? null,
      contact: { name: null, email: null },
      log: (message) => request.log.warn(message),
    }).catch((error: unknown) => {
      throw error instanceof AppError ? inFormFields(error) : error;
    });
    return { chat: await record(id, request.staff!), case: { id: filed.caseId, number: filed.number } };
  }

  app.post(
    '/chats/:id/case',
    {
      preHandler: contactCenter,
      config: { validationStatus: 422 },
      schema: {
        tags: ['back office'],
        summary: 'Turn the chat into a case (channel CHAT) with its transcript on the timeline',
        description:
          'The case is created in the same transaction that ends the chat; its timeline gets a ' +
          '`CHAT_TRANSCRIPT` event with the whole conversation. Without a kind, the case workflow ' +
          'classifies the text. Sending it again returns the same case.',
        security,
        params: chatIdParams,
        body: chatToCaseBody,
        response: { 201: chatCaseResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await endAsCase(request, request.params.id, 'CASE', {
        kind: body.kind ?? null,
        eventCode: body.eventCode,
        description: body.description,
        location: body.location,
      });
      return reply.status(201).header('location', `/api/cases/${result.case.id}`).send(result);
    },
  );

  app.post(
    '/chats/:id/answer',
    {
      preHandler: contactCenter,
      config: { validationStatus: 422 },
      schema: {
        tags: ['back office'],
        summary: 'Close the chat as answered: an answered question (INFORMATION case, channel CHAT)',
        description:
          'Counted as an information contact: the case is created already answered, with the ' +
          'transcript on its timeline.',
        security,
        params: chatIdParams,
        body: answerChatBody,
        response: { 201: chatCaseResponse },
      },
    },
    async (request, reply) => {
      const result = await endAsCase(request, request.params.id, 'ANSWERED', {
        kind: 'INFORMATION',
        answer: request.body.answer,
      });
      return reply.status(201).header('location', `/api/cases/${result.case.id}`).send(result);
    },
  );

  app.post(
    '/chats/:id/abandon',
    {
      preHandler: contactCenter,
      schema: {
        tags: ['back office'],
        summary: 'Close a chat without a case (the resident left without asking, or spam)',
        security,
        params: chatIdParams,
        response: { 200: chatRecord },
      },
    },
    async (request) => {
      const staff = request.staff!;
      await changeSession(deps.orm, hub, request.params.id, async (tx, session) => {
        if (session.status !== 'WAITING') assertHeldBy(session, staff.id);
        await tx.execute(
          `update chat_sessions set status = 'CLOSED', outcome = 'ABANDONED', closed_at = now() where id = ?`,
          [session.id],
        );
        await insertMessage(tx, session, {
          sender: 'SYSTEM',
          author: staff.displayName,
          clientId: null,
          text: 'ABANDONED',
        });
      });
      return record(request.params.id, staff);
    },
  );

  app.get(
    '/chats/:id/resident-cases',
    {
      preHandler: contactCenter,
      schema: {
        tags: ['back office'],
        summary: "The resident's earlier cases, found by the e-mail the resident gave",
        description: 'The address is what the resident typed, not verified: it may be someone else’s.',
        security,
        params: chatIdParams,
        response: { 200: residentCasesResponse },
      },
    },
    async (request) => {
      const session = await findSession(deps.orm, request.params.id);
      if (!session) throw new AppError('NOT_FOUND', `No chat ${request.params.id}`);
      if (!session.resident_email) return [];
      const rows = await deps.orm.em.fork().execute<
        {
          id: string;
          number: string;
          kind: CaseKind;
          status: CaseStatus;
          event_code: string | null;
          channel: Channel;
          created_at: Date | string;
        }[]
      >(
        // The expression of the index cases_contact_email_created_at (migration PhoneCalls).
        `select id, number, kind, status, event_code, channel, created_at from cases
          where contact_email is not null and lower(contact_email) = lower(?) and id is distinct from ?
          order by created_at desc limit ${RESIDENT_HISTORY_LIMIT}`,
        [session.resident_email, session.case_id],
      );
      return rows.map((row) => ({
        id: row.id,
        number: row.number,
        kind: row.kind,
        status: row.status,
        eventCode: row.event_code,
        channel: row.channel,
        createdAt: iso(row.created_at)!,
      }));
    },
  );

  app.get('/chats/ws', { websocket: true, schema: { hide: true } }, (socket: ChatSocket, request) => {
    clerkSocket(socket, request, request.log);
  });

  /**
   * The clerk's socket. Browsers cannot set headers on a WebSocket, so the first frame carries
   * the bearer token; it goes through the same session checks as every REST request, again on
   * every command and heartbeat, so a logout or a locked account ends the socket too.
   */
  function clerkSocket(socket: ChatSocket, request: FastifyRequest, log: FastifyBaseLogger): void {
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
        connections.delete(connection);
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
      connections.add(connection);
      listen();
      await clerkConnected(deps.orm, hub, { id: connectionId, userId: user.id, username: user.username });
      send(socket, { type: 'ready', user: { username: user.username, displayName: user.displayName } });
      await sendQueue(connection);
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
        const posted = await postMessage(deps.orm, hub, {
          sessionId: frame.chatId,
          sender: 'CLERK',
          author: current.user.displayName,
          clerkId: current.user.id,
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
};

interface CaseBody {
  kind: CaseKind | null;
  eventCode?: string;
  description?: string;
  answer?: string;
  location?: { district?: string; street?: string; building?: string; lat?: number; lon?: number };
}

/** Intake names its fields after the case; the clerk's form names some of them differently. */
function inFormFields(error: AppError): AppError {
  const fields = error.details.fields;
  if (!fields?.length) return error;
  const renamed: Record<string, string> = { district: 'location.district' };
  return new AppError(error.code, error.message, {
    ...error.details,
    fields: fields.map((f) => ({ field: renamed[f.field] ?? f.field, message: f.message })),
  });
}
