import type { ChatOutcome, ChatStatus } from '../../domain/chat/chat-states';
import { AppError } from '../../domain/errors';
import type { CaseMetrics, Orm, ServiceDeps } from '../service-deps';
import type { ChatHub } from './chat-hub';
import { postMessage, residentSession, type ChatSessionRow } from './chat-store';
import { turnChatIntoCase, type ChatCase } from './chat-to-case';

/** What the resident's widget shows of a chat: its state, who answers, the case it became. */
export interface ResidentChatStatus {
  status: ChatStatus;
  outcome: ChatOutcome | null;
  clerkName: string | null;
  /** The case the chat became, when it did. */
  case: { id: string; number: string } | null;
}

export async function residentChatStatus(orm: Orm, sessionId: string): Promise<ResidentChatStatus | null> {
  const [row] = await orm.em.fork().execute<(ChatSessionRow & { case_number: string | null })[]>(
    `select s.*, c.number as case_number from chat_sessions s left join cases c on c.id = s.case_id
        where s.id = ?`,
    [sessionId],
  );
  if (!row) return null;
  return {
    status: row.status,
    outcome: row.outcome,
    clerkName: row.clerk_name,
    case: row.case_id && row.case_number ? { id: row.case_id, number: row.case_number } : null,
  };
}

export interface LeftMessage {
  sessionId: string;
  token: string;
  name: string | null;
  email: string | null;
  /** Lines still waiting for their acknowledgement, then the message itself, in order. */
  lines: { clientId: string | null; text: string }[];
  log: (message: string) => void;
}

/**
 * The resident leaves a message while no clerk has taken the chat: the lines not yet stored are
 * posted, and the chat becomes a case (channel CHAT). Sending it again returns the same case.
 */
export async function leaveMessage(
  deps: ServiceDeps & { metrics: CaseMetrics },
  hub: ChatHub,
  input: LeftMessage,
): Promise<ChatCase> {
  const session = await residentSession(deps.orm, input.sessionId, input.token);
  if (!session.case_id && input.lines.length > 0) {
    if (session.status !== 'WAITING') {
      throw new AppError(
        'INVALID_TRANSITION',
        session.status === 'ACTIVE'
          ? 'A clerk has taken this chat: write to them here'
          : 'This chat has ended',
        { status: session.status },
      );
    }
    for (const line of input.lines) {
      await postMessage(deps.orm, hub, {
        sessionId: session.id,
        sender: 'RESIDENT',
        author: input.name ?? session.resident_name,
        clientId: line.clientId,
        text: line.text,
      });
    }
  }
  return turnChatIntoCase(deps, hub, {
    sessionId: session.id,
    outcome: 'MESSAGE_LEFT',
    clerk: null,
    kind: null,
    eventCode: null,
    location: { district: null, street: null, building: null, lat: null, lon: null },
    description: null,
    answer: null,
    contact: { name: input.name, email: input.email },
    log: input.log,
  });
}
