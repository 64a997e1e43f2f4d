import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { chatHubOf } from '../../../services/chat/chat-hub';
import { chatWithTranscript, listChats, residentCases } from '../../../services/chat/chat-records';
import {
  abandonChat,
  endChatAsCase,
  releaseChat,
  replyInChat,
  takeChat,
} from '../../../services/chat/clerk-chat-commands';
import type { ChatSocket } from '../../chat/chat-socket';
import { contentRange } from '../list-query';
import {
  answerChatBody,
  chatCaseResponse,
  chatIdParams,
  chatListQuery,
  chatRecord,
  chatToCaseBody,
  chatWithMessages,
  clerkMessageBody,
  postedMessageResponse,
  residentCasesResponse,
} from './chats.schemas';
import { ClerkRegistry } from './clerk-registry';
import { serveClerkSocket } from './clerk-socket';

/**
 * The clerks' side of the chat: the live queue, taking a chat, talking, and ending it as a case,
 * as an answered question, or without either. REST for every command; the socket `/api/chats/ws`
 * carries the live queue and conversations (and replies, for a client that prefers it).
 */
export const backOfficeChatRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const contactCenter = requireRole(deps, 'CLERK', 'ADMIN');
  const hub = chatHubOf(deps, app.log);
  const clerks = new ClerkRegistry(deps.orm, hub, app.log);
  const security = [{ bearerAuth: [] }];
  app.addHook('onClose', async () => clerks.close());

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
    async (request) => chatWithTranscript(deps.orm, request.params.id, request.staff!.id),
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
    async (request) => takeChat(deps, hub, request.staff!, request.params.id),
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
    async (request) => releaseChat(deps, hub, request.staff!, request.params.id),
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
      const posted = await replyInChat(deps, hub, request.staff!, request.params.id, {
        clientId: request.body.clientId ?? null,
        text: request.body.text,
      });
      return reply.status(201).send(posted);
    },
  );

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
      const { kind, eventCode, description, location } = request.body;
      const result = await endChatAsCase(
        deps,
        hub,
        request.staff!,
        request.params.id,
        'CASE',
        { kind: kind ?? null, eventCode, description, location },
        (message) => request.log.warn(message),
      );
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
      const result = await endChatAsCase(
        deps,
        hub,
        request.staff!,
        request.params.id,
        'ANSWERED',
        { kind: 'INFORMATION', answer: request.body.answer },
        (message) => request.log.warn(message),
      );
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
    async (request) => abandonChat(deps, hub, request.staff!, request.params.id),
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
    async (request) => residentCases(deps.orm, request.params.id),
  );

  app.get('/chats/ws', { websocket: true, schema: { hide: true } }, (socket: ChatSocket, request) => {
    serveClerkSocket(deps, hub, clerks, socket, request, request.log);
  });
};
