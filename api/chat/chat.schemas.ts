import { z } from 'zod';
import { MAX_DATABASE_ID } from '../input-rules';
import { CHAT_OUTCOMES, CHAT_STATUSES } from '../../domain/chat/chat-states';
import { MAX_MESSAGE_LENGTH } from '../../services/chat/chat-store';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const chatText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_MESSAGE_LENGTH, `must have at most ${MAX_MESSAGE_LENGTH} characters`);

/** Chosen by the client for each message it sends; sending it again stores nothing new. */
export const clientMessageId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, - or _')
  .describe('An id the client gives its message: a resend with the same id counts once');

export const chatIdParams = z.object({ id: z.uuid('must be a chat id (UUID)') });

export const startChatBody = z
  .object({
    name: trimmed(200).optional().describe('How the resident wants to be addressed'),
    email: z
      .email()
      .max(254)
      .optional()
      .describe('Lets the clerk see the resident’s earlier cases and the city answer by mail'),
    language: z.enum(['pl', 'en']).default('pl'),
    message: chatText.optional().describe('The first message, sent with the start'),
  })
  .strict();

export const startedChatResponse = z.object({
  id: z.uuid(),
  token: z.string().describe('The resident’s key to this chat: send it in the socket’s hello frame'),
  status: z.enum(CHAT_STATUSES),
  clerksOnline: z.boolean(),
  links: z.object({ socket: z.string(), leaveMessage: z.string() }),
});

export const availabilityResponse = z.object({
  clerksOnline: z.boolean().describe('Whether a clerk is in the back office’s chat queue right now'),
});

export const leaveMessageBody = z
  .object({
    token: z.string().min(16).max(64).describe('The token returned when the chat started'),
    unsent: z
      .array(z.object({ clientId: clientMessageId, text: chatText }).strict())
      .max(50)
      .optional()
      .describe(
        'Chat lines the widget sent but has no acknowledgement for, each with its own clientId: a line ' +
          'the server already stored is not stored again',
      ),
    message: chatText.optional().describe('What the resident adds; what they wrote in the chat is kept'),
    clientId: clientMessageId.optional(),
    name: trimmed(200).optional(),
    email: z.email().max(254).optional().describe('Where the city answers'),
  })
  .strict();

// Like the residents' intake, the case is named by its number: its internal id stays in the back office.
export const leftMessageResponse = z.object({
  number: z.string(),
  trackingToken: z.string(),
  links: z.object({ tracking: z.string() }),
});

/** What the resident sees of the chat: never the clerk's account, only the name they chose to show. */
export const residentChatState = z.object({
  status: z.enum(CHAT_STATUSES),
  outcome: z.enum(CHAT_OUTCOMES).nullable(),
  clerkName: z.string().nullable(),
  case: z.object({ number: z.string(), tracking: z.string() }).nullable(),
});

// ---- the resident's socket: frames from the widget ----

export const residentHello = z
  .object({
    type: z.literal('hello'),
    token: z.string().min(16).max(64),
    lastSeq: z
      .number()
      .int()
      .min(0)
      .max(MAX_DATABASE_ID)
      .default(0)
      .describe('The last message number the client has'),
  })
  .strict();

export const residentFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), clientId: clientMessageId, text: chatText }).strict(),
  z.object({ type: z.literal('leave') }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
