import type { EntityManager } from '@mikro-orm/postgresql';
import { CaseEvent, type ChatOutcome } from '../../db/entities';
import type { Actor } from '../../domain/cases/case-actions';
import type { CaseKind } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import { acceptCase } from '../cases/accept-case';
import { caseSettings } from '../cases/start-case-workflow';
import type { CaseMetrics, ServiceDeps } from '../service-deps';
import { announce, type ChatHub } from './chat-hub';
import {
  assertHeldBy,
  findSession,
  insertMessage,
  lockSession,
  messagesAfter,
  type ChatMessageView,
  type ChatSessionRow,
} from './chat-store';

/** The longest description a case takes from the portal; the transcript keeps everything. */
const MAX_DESCRIPTION = 4000;
const ALL_MESSAGES = 100_000;

export type CaseOutcome = Extract<ChatOutcome, 'CASE' | 'ANSWERED' | 'MESSAGE_LEFT'>;

export interface ChatCaseRequest {
  sessionId: string;
  outcome: CaseOutcome;
  /** The clerk holding the chat; null when the resident left a message nobody answered. */
  clerk: { userId: string; actor: Actor } | null;
  /** Null: the case workflow's classifier decides from the text. */
  kind: CaseKind | null;
  eventCode: string | null;
  location: {
    district: string | null;
    street: string | null;
    building: string | null;
    lat: number | null;
    lon: number | null;
  };
  /** The clerk's summary; by default what the resident wrote. */
  description: string | null;
  /** ANSWERED: the answer recorded on the case; by default what the clerk wrote. */
  answer: string | null;
  /** The resident's contact data given when leaving a message, over what the chat started with. */
  contact: { name: string | null; email: string | null };
  log: (message: string) => void;
}

export interface ChatCase {
  caseId: string;
  number: string;
  /** False when the same request had already turned this chat into this case. */
  created: boolean;
}

/** What a system line of the chat says, in the transcript kept on the case. */
const SYSTEM_LINES: Record<string, (author: string | null) => string> = {
  CLERK_JOINED: (author) => `${author ?? 'Konsultant'} przejmuje rozmowę`,
  CLERK_RELEASED: (author) => `${author ?? 'Konsultant'} oddaje rozmowę do kolejki`,
  RESIDENT_LEFT: () => 'Mieszkaniec opuścił czat',
  CASE_CREATED: () => 'Rozmowa zamieniona w zgłoszenie',
  ANSWERED: () => 'Rozmowa zamknięta: udzielono odpowiedzi',
  MESSAGE_LEFT: () => 'Mieszkaniec zostawił wiadomość',
  ABANDONED: () => 'Rozmowa zamknięta bez zgłoszenia',
};

const SYSTEM_LINE_OF_OUTCOME: Record<CaseOutcome, string> = {
  CASE: 'CASE_CREATED',
  ANSWERED: 'ANSWERED',
  MESSAGE_LEFT: 'MESSAGE_LEFT',
};

const warsawTime = new Intl.DateTimeFormat('pl-PL', {
  timeZone: 'Europe/Warsaw',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const warsawDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw', dateStyle: 'short' });

/** The conversation as plain text for the case timeline: one line per message, in Warsaw time. */
export function formatTranscript(session: ChatSessionRow, messages: ChatMessageView[]): string {
  const header = `Czat ${warsawDate.format(new Date(session.created_at))} (czas warszawski)`;
  const lines = messages.map((message) => {
    const at = warsawTime.format(new Date(message.createdAt));
    if (message.sender === 'SYSTEM') {
      return `[${at}] — ${SYSTEM_LINES[message.text]?.(message.author) ?? message.text}`;
    }
    const who =
      message.sender === 'RESIDENT'
        ? `${message.author ?? 'Mieszkaniec'} (mieszkaniec)`
        : `${message.author ?? 'Konsultant'} (konsultant)`;
    return `[${at}] ${who}: ${message.text}`;
  });
  return [header, ...lines].join('\n');
}

function joined(messages: ChatMessageView[], sender: 'RESIDENT' | 'CLERK'): string {
  return messages
    .filter((message) => message.sender === sender)
    .map((message) => message.text)
    .join('\n');
}

function clip(text: string): string {
  return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;
}

function mayEnd(session: ChatSessionRow, request: ChatCaseRequest): void {
  if (request.outcome === 'MESSAGE_LEFT') {
    if (session.status === 'ACTIVE') {
      throw new AppError('INVALID_TRANSITION', 'A clerk has taken this chat: write to them here', {
        status: session.status,
      });
    }
    if (session.status !== 'WAITING') {
      throw new AppError('INVALID_TRANSITION', 'This chat has ended', { status: session.status });
    }
    return;
  }
  assertHeldBy(session, request.clerk!.userId);
}

/**
 * Ends a chat as a case: a case the clerk files, a question answered on the spot (an answered
 * INFORMATION case, so it counts as a contact), or the message a resident left while nobody was
 * free. The case, its transcript event and the chat's end are one transaction; the chat id is the
 * idempotency key, so a retried request returns the same case.
 */
export async function turnChatIntoCase(
  deps: ServiceDeps & { metrics: CaseMetrics },
  hub: ChatHub,
  request: ChatCaseRequest,
): Promise<ChatCase> {
  const session = await findSession(deps.orm, request.sessionId);
  if (!session) throw new AppError('NOT_FOUND', `No chat ${request.sessionId}`);
  if (session.case_id) {
    if (session.outcome !== request.outcome) {
      throw new AppError('INVALID_TRANSITION', `This chat has already ended (${session.outcome})`, {
        outcome: session.outcome,
      });
    }
    const [row] = await deps.orm.em
      .fork()
      .execute<{ number: string }[]>('select number from cases where id = ?', [session.case_id]);
    return { caseId: session.case_id, number: row.number, created: false };
  }
  mayEnd(session, request);

  const messages = await messagesAfter(deps.orm, session.id, 0, ALL_MESSAGES);
  const description = clip((request.description ?? joined(messages, 'RESIDENT')).trim());
  if (description.length < 3) {
    throw new AppError(
      'UNPROCESSABLE',
      'The resident has not written anything yet: there is nothing to file',
      {
        fields: [{ field: 'description', message: 'must have at least 3 characters' }],
      },
    );
  }
  const answer = request.outcome === 'ANSWERED' ? (request.answer ?? joined(messages, 'CLERK')).trim() : null;
  if (request.outcome === 'ANSWERED' && (!answer || answer.length < 3)) {
    throw new AppError('UNPROCESSABLE', 'Write the answer the resident was given', {
      fields: [{ field: 'answer', message: 'must have at least 3 characters' }],
    });
  }

  const clerk = request.clerk;
  const chatDetails = { chat: { sessionId: session.id } };
  const accepted = await acceptCase(
    {
      orm: deps.orm,
      temporal: deps.temporal,
      taskQueue: deps.config.temporal.taskQueue,
      settings: caseSettings(deps.config),
      log: request.log,
    },
    {
      kind: request.kind,
      channel: 'CHAT',
      eventCode: request.eventCode,
      description,
      district: request.location.district,
      lat: request.location.lat,
      lon: request.location.lon,
      street: request.location.street,
      building: request.location.building,
      contact: {
        name: request.contact.name ?? session.resident_name,
        email: request.contact.email ?? session.resident_email,
        phone: null,
      },
      language: session.language,
    },
    {
      idempotencyKey: `chat:${session.id}`,
      hashOf: { chatSessionId: session.id, outcome: request.outcome },
      // The clerk's kind is the classification; without one the classifier reads the text.
      recordedBy:
        clerk && request.kind
          ? {
              actor: clerk.actor,
              details: { ...chatDetails, ...(answer ? { answeredOnIntake: { text: answer } } : {}) },
            }
          : undefined,
      alongside: (tx, created) => endChat(tx, request, created),
    },
  );
  hub.published({ type: 'session', sessionId: session.id });
  hub.published({ type: 'message', sessionId: session.id });
  if (accepted.created) deps.metrics.caseAccepted({ channel: 'CHAT', kind: accepted.row.kind });
  return { caseId: accepted.row.id, number: accepted.row.number, created: accepted.created };
}

/** Inside the case's transaction: the chat's last line, its transcript on the case, and its end. */
async function endChat(
  tx: EntityManager,
  request: ChatCaseRequest,
  created: { id: string; number: string },
): Promise<void> {
  const session = await lockSession(tx, request.sessionId);
  // Checked again under the lock: another clerk or the resident may have ended it meanwhile.
  if (session.case_id) {
    throw new AppError('INVALID_TRANSITION', `This chat has already ended (${session.outcome})`, {
      outcome: session.outcome,
    });
  }
  mayEnd(session, request);
  await insertMessage(tx, session, {
    sender: 'SYSTEM',
    author: request.clerk?.actor.name ?? null,
    clientId: null,
    text: SYSTEM_LINE_OF_OUTCOME[request.outcome],
  });
  const rows = await tx.execute<
    {
      seq: number;
      sender: ChatMessageView['sender'];
      author: string | null;
      text: string;
      created_at: Date;
    }[]
  >('select seq, sender, author, text, created_at from chat_messages where session_id = ? order by seq', [
    session.id,
  ]);
  const messages: ChatMessageView[] = rows.map((row) => ({
    seq: Number(row.seq),
    sender: row.sender,
    author: row.author,
    text: row.text,
    clientId: null,
    createdAt: new Date(row.created_at).toISOString(),
  }));
  await tx.execute(
    `update chat_sessions set status = ?, outcome = ?, case_id = ?, closed_at = now(),
       resident_name = coalesce(resident_name, ?), resident_email = coalesce(resident_email, ?)
     where id = ?`,
    [
      request.outcome === 'MESSAGE_LEFT' ? 'LEFT_MESSAGE' : 'CLOSED',
      request.outcome,
      created.id,
      request.contact.name,
      request.contact.email,
      session.id,
    ],
  );
  await tx.insert(CaseEvent, {
    caseId: created.id,
    eventKey: 'chat-transcript',
    type: 'CHAT_TRANSCRIPT',
    actor: request.clerk ? `user:${request.clerk.actor.id}` : 'channel:CHAT',
    actorRole: request.clerk?.actor.role ?? null,
    status: null,
    isPublic: false,
    note: formatTranscript(session, messages),
    payload: {
      chatSessionId: session.id,
      outcome: request.outcome,
      clerk: session.clerk_username,
      startedAt: new Date(session.created_at).toISOString(),
      takenAt: session.taken_at ? new Date(session.taken_at).toISOString() : null,
      messages: messages.map(({ seq, sender, author, text, createdAt }) => ({
        seq,
        sender,
        author,
        text,
        createdAt,
      })),
    },
    createdAt: new Date(),
  });
  await announce(tx, { type: 'session', sessionId: session.id });
}
