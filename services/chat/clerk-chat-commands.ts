import type { EntityManager } from '@mikro-orm/postgresql';
import type { SessionUser } from '../../domain/auth/session-user';
import type { CaseKind } from '../../domain/cases/case-states';
import { AppError } from '../../domain/errors';
import { actorOf } from '../cases/case-access';
import { inFormFields } from '../cases/form-fields';
import type { CaseMetrics, ServiceDeps } from '../service-deps';
import type { ChatHub } from './chat-hub';
import { chatRecord, type ChatRecord } from './chat-records';
import {
  assertHeldBy,
  changeSession,
  insertMessage,
  postMessage,
  type ChatSessionRow,
  type PostedMessage,
} from './chat-store';
import { turnChatIntoCase, type CaseOutcome } from './chat-to-case';

// The clerks' commands on a chat: taking it, putting it back, replying, and ending it as a case,
// as an answered question, or without either. Each answers with the chat as the clerk now sees it.

type Deps = Pick<ServiceDeps, 'orm'>;

/** A line of the chat saying what a clerk did, in the clerk's name. */
const systemLine = (tx: EntityManager, session: ChatSessionRow, staff: SessionUser, text: string) =>
  insertMessage(tx, session, { sender: 'SYSTEM', author: staff.displayName, clientId: null, text });

/** Take a waiting chat: the resident talks to this clerk from now on. Taking it again is no change. */
export async function takeChat(
  deps: Deps,
  hub: ChatHub,
  staff: SessionUser,
  id: string,
): Promise<ChatRecord> {
  await changeSession(deps.orm, hub, id, async (tx, session) => {
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
    await systemLine(tx, session, staff, 'CLERK_JOINED');
  });
  return chatRecord(deps.orm, id, staff.id);
}

/** Put a taken chat back in the queue for another clerk. */
export async function releaseChat(
  deps: Deps,
  hub: ChatHub,
  staff: SessionUser,
  id: string,
): Promise<ChatRecord> {
  await changeSession(deps.orm, hub, id, async (tx, session) => {
    assertHeldBy(session, staff.id);
    await tx.execute(
      `update chat_sessions set status = 'WAITING', clerk_id = null, clerk_username = null,
             clerk_name = null, taken_at = null where id = ?`,
      [session.id],
    );
    await systemLine(tx, session, staff, 'CLERK_RELEASED');
  });
  return chatRecord(deps.orm, id, staff.id);
}

/** Close a chat without a case (the resident left without asking, or spam). */
export async function abandonChat(
  deps: Deps,
  hub: ChatHub,
  staff: SessionUser,
  id: string,
): Promise<ChatRecord> {
  await changeSession(deps.orm, hub, id, async (tx, session) => {
    if (session.status !== 'WAITING') assertHeldBy(session, staff.id);
    await tx.execute(
      `update chat_sessions set status = 'CLOSED', outcome = 'ABANDONED', closed_at = now() where id = ?`,
      [session.id],
    );
    await systemLine(tx, session, staff, 'ABANDONED');
  });
  return chatRecord(deps.orm, id, staff.id);
}

/** A reply of the clerk holding the chat; the same `clientId` again stores nothing new. */
export async function replyInChat(
  deps: Deps,
  hub: ChatHub,
  staff: SessionUser,
  id: string,
  message: { clientId: string | null; text: string },
): Promise<PostedMessage> {
  return postMessage(deps.orm, hub, {
    sessionId: id,
    sender: 'CLERK',
    author: staff.displayName,
    clerkId: staff.id,
    clientId: message.clientId,
    text: message.text,
  });
}

/** What the clerk's form says of the case a chat ends as. */
export interface ChatCaseForm {
  kind: CaseKind | null;
  eventCode?: string;
  description?: string;
  answer?: string;
  location?: { district?: string; street?: string; building?: string; lat?: number; lon?: number };
}

/** Intake names its fields after the case; the clerk's form names some of them differently. */
const FORM_FIELDS: Record<string, string> = { district: 'location.district' };

/** Ends the chat as a case or as an answered question (see turnChatIntoCase). */
export async function endChatAsCase(
  deps: ServiceDeps & { metrics: CaseMetrics },
  hub: ChatHub,
  staff: SessionUser,
  id: string,
  outcome: Exclude<CaseOutcome, 'MESSAGE_LEFT'>,
  form: ChatCaseForm,
  log: (message: string) => void,
): Promise<{ chat: ChatRecord; case: { id: string; number: string } }> {
  const filed = await turnChatIntoCase(deps, hub, {
    sessionId: id,
    outcome,
    clerk: { userId: staff.id, actor: actorOf(staff) },
    kind: form.kind,
    eventCode: form.eventCode ?? null,
    location: {
      district: form.location?.district ?? null,
      street: form.location?.street ?? null,
      building: form.location?.building ?? null,
      lat: form.location?.lat ?? null,
      lon: form.location?.lon ?? null,
    },
    description: form.description ?? null,
    answer: form.answer ?? null,
    contact: { name: null, email: null },
    log,
  }).catch((error: unknown) => {
    throw inFormFields(error, FORM_FIELDS);
  });
  return { chat: await chatRecord(deps.orm, id, staff.id), case: { id: filed.caseId, number: filed.number } };
}
