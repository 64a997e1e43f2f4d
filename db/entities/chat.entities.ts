import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import {
  CHAT_OUTCOMES,
  CHAT_SENDERS,
  CHAT_STATUSES,
  type ChatOutcome,
  type ChatSender,
  type ChatStatus,
} from '../../domain/chat/chat-states';

export { CHAT_OUTCOMES, CHAT_SENDERS, CHAT_STATUSES, type ChatOutcome, type ChatSender, type ChatStatus };

/**
 * One conversation of a resident with the contact center. The resident holds a random token
 * (only its hash is stored); `lastSeq` is the number of the session's newest message.
 */
export const ChatSession = defineEntity({
  name: 'ChatSession',
  tableName: 'chat_sessions',
  properties: {
    id: p.uuid().primary(),
    residentTokenHash: p.string().length(64),
    residentName: p.string().length(200).nullable(),
    residentEmail: p.string().length(254).nullable(),
    language: p.string().length(2).$type<'pl' | 'en'>().default('pl'),
    status: p.string().length(20).$type<ChatStatus>().default('WAITING'),
    clerkId: p.uuid().nullable(),
    clerkUsername: p.string().nullable(),
    /** The name the resident sees for the clerk. */
    clerkName: p.string().nullable(),
    lastSeq: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    takenAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    /** When the resident's widget was last connected: a waiting chat nobody watches is abandoned. */
    residentSeenAt: p.datetime().onCreate(() => new Date()),
    residentLeftAt: p.datetime().nullable(),
    caseId: p.uuid().nullable(),
    outcome: p.string().length(20).$type<ChatOutcome>().nullable(),
    /** When retention removed the resident's name, address and the transcript. */
    anonymisedAt: p.datetime().nullable(),
  },
});
export type ChatSession = InferEntity<typeof ChatSession>;

/** One line of a chat, numbered within its session; `clientId` makes a resend count once. */
export const ChatMessage = defineEntity({
  name: 'ChatMessage',
  tableName: 'chat_messages',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    sessionId: p.uuid(),
    seq: p.integer(),
    clientId: p.string().length(64).nullable(),
    sender: p.string().length(10).$type<ChatSender>(),
    author: p.string().nullable(),
    text: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['sessionId', 'seq'] }, { properties: ['sessionId', 'clientId'] }],
});
export type ChatMessage = InferEntity<typeof ChatMessage>;

/** An open back-office chat socket; a clerk is online while one of theirs has a fresh heartbeat. */
export const ChatClerkPresence = defineEntity({
  name: 'ChatClerkPresence',
  tableName: 'chat_clerk_presence',
  properties: {
    connectionId: p.uuid().primary(),
    userId: p.uuid(),
    username: p.string(),
    lastSeenAt: p.datetime(),
  },
});
export type ChatClerkPresence = InferEntity<typeof ChatClerkPresence>;
