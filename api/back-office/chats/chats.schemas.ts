import { z } from 'zod';
import { MAX_DATABASE_ID } from '../../input-rules';
import { CHAT_OUTCOMES, CHAT_SENDERS, CHAT_STATUSES } from '../../../domain/chat/chat-states';
import { CASE_KINDS, CASE_STATUSES, CHANNELS } from '../../../domain/cases/case-states';
import { chatText, clientMessageId } from '../../chat/chat.schemas';
import { listQuerySchema } from '../list-query';

export { chatIdParams } from '../../chat/chat.schemas';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const chatListQuery = listQuerySchema(['createdAt', 'id', 'status', 'takenAt', 'closedAt'], {
  status: z.union([z.enum(CHAT_STATUSES), z.array(z.enum(CHAT_STATUSES)).min(1)]).optional(),
  outcome: z.enum(CHAT_OUTCOMES).optional(),
  /** Chats this clerk holds. */
  mine: z.boolean().optional(),
  residentEmail: z.email().optional(),
  q: z.string().trim().max(200).optional(),
});

export const chatMessageRecord = z.object({
  seq: z.number().int(),
  sender: z.enum(CHAT_SENDERS),
  author: z.string().nullable(),
  text: z.string(),
  clientId: z.string().nullable(),
  createdAt: z.string(),
});

export const chatRecord = z.object({
  id: z.uuid(),
  status: z.enum(CHAT_STATUSES),
  outcome: z.enum(CHAT_OUTCOMES).nullable(),
  language: z.enum(['pl', 'en']),
  residentName: z.string().nullable(),
  residentEmail: z.string().nullable(),
  clerkUsername: z.string().nullable(),
  clerkName: z.string().nullable(),
  /** Whether the signed-in clerk holds this chat. */
  heldByMe: z.boolean(),
  createdAt: z.string(),
  takenAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  residentLeftAt: z.string().nullable(),
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  messageCount: z.number().int(),
  lastMessage: z.object({ sender: z.enum(CHAT_SENDERS), text: z.string(), createdAt: z.string() }).nullable(),
});
export type ChatRecord = z.infer<typeof chatRecord>;

export const chatWithMessages = chatRecord.extend({ messages: z.array(chatMessageRecord) });

export const clerkMessageBody = z
  .object({
    clientId: clientMessageId.optional(),
    text: chatText,
  })
  .strict();

export const postedMessageResponse = z.object({ seq: z.number().int(), duplicate: z.boolean() });

export const answerChatBody = z
  .object({
    answer: z
      .string()
      .trim()
      .min(3, 'must have at least 3 characters')
      .max(4000)
      .optional()
      .describe('The answer recorded on the case; by default what the clerk wrote in the chat'),
  })
  .strict();

export const chatToCaseBody = z
  .object({
    kind: z
      .enum(CASE_KINDS)
      .optional()
      .describe('What the resident brings; leave out to have the case workflow classify the text'),
    eventCode: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be an event code such as POTHOLE')
      .optional()
      .describe('Event from the taxonomy: required for an INCIDENT, absent for the other kinds'),
    description: z
      .string()
      .trim()
      .min(3, 'must have at least 3 characters')
      .max(4000)
      .optional()
      .describe('The clerk’s summary; by default everything the resident wrote'),
    location: z
      .object({
        lat: z.number().min(-90).max(90).optional(),
        lon: z.number().min(-180).max(180).optional(),
        street: trimmed(200).optional(),
        building: trimmed(20).optional(),
        district: trimmed(100).optional(),
      })
      .strict()
      .refine((l) => (l.lat === undefined) === (l.lon === undefined), {
        message: 'lat and lon go together',
        path: ['lat'],
      })
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.kind === 'INCIDENT' && !body.eventCode) {
      ctx.addIssue({ code: 'custom', path: ['eventCode'], message: 'is required for an INCIDENT' });
    }
    if (body.eventCode && body.kind !== 'INCIDENT') {
      ctx.addIssue({ code: 'custom', path: ['eventCode'], message: 'applies only to an INCIDENT' });
    }
  });

export const chatCaseResponse = z.object({
  chat: chatRecord,
  case: z.object({ id: z.uuid(), number: z.string() }),
});

export const residentCasesResponse = z.array(
  z.object({
    id: z.uuid(),
    number: z.string(),
    kind: z.enum(CASE_KINDS),
    status: z.enum(CASE_STATUSES),
    eventCode: z.string().nullable(),
    channel: z.enum(CHANNELS),
    createdAt: z.string(),
  }),
);

// ---- the clerks' socket: frames from the back office ----

export const clerkHello = z
  .object({ type: z.literal('hello'), token: z.string().min(16).max(4000) })
  .strict();

export const clerkFrame = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('watch'),
      chatId: z.uuid(),
      lastSeq: z.number().int().min(0).max(MAX_DATABASE_ID).default(0),
    })
    .strict(),
  z.object({ type: z.literal('unwatch'), chatId: z.uuid() }).strict(),
  z
    .object({ type: z.literal('message'), chatId: z.uuid(), clientId: clientMessageId, text: chatText })
    .strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
