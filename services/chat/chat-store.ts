import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChatOutcome, ChatSender, ChatStatus } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { AppError } from '../../domain/errors';
import { announce, type ChatHub, type ChatNotice } from './chat-hub';

/** A clerk counts as online while one of their back-office sockets beat within this window. */
export const PRESENCE_WINDOW_SECONDS = 60;
/** A waiting chat whose resident has been gone this long leaves the queue as abandoned. */
export const ABANDON_AFTER_MINUTES = 15;

export const MAX_MESSAGE_LENGTH = 2000;

export interface ChatSessionRow {
  id: string;
  resident_token_hash: string;
  resident_name: string | null;
  resident_email: string | null;
  language: 'pl' | 'en';
  status: ChatStatus;
  clerk_id: string | null;
  clerk_username: string | null;
  clerk_name: string | null;
  last_seq: number;
  created_at: Date | string;
  taken_at: Date | string | null;
  closed_at: Date | string | null;
  resident_seen_at: Date | string;
  resident_left_at: Date | string | null;
  case_id: string | null;
  outcome: ChatOutcome | null;
}

export interface ChatMessageView {
  seq: number;
  sender: ChatSender;
  author: string | null;
  text: string;
  clientId: string | null;
  createdAt: string;
}

interface ChatMessageRow {
  seq: number;
  sender: ChatSender;
  author: string | null;
  text: string;
  client_id: string | null;
  created_at: Date | string;
}

export const iso = (value: Date | string): string => new Date(value).toISOString();
export const isoOrNull = (value: Date | string | null): string | null => (value ? iso(value) : null);

type Sql = { execute<T>(sql: string, params?: unknown[]): Promise<T> };

function sql(orm: Orm): Sql {
  return orm.em.fork().getConnection() as unknown as Sql;
}

export function hashResidentToken(token: string): string {
  return createHash('sha256').update(`chat-resident-token:${token}`).digest('hex');
}

export function residentTokenMatches(
  row: Pick<ChatSessionRow, 'resident_token_hash'>,
  token: string,
): boolean {
  const expected = Buffer.from(row.resident_token_hash, 'hex');
  const given = Buffer.from(hashResidentToken(token), 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function toMessageView(row: ChatMessageRow): ChatMessageView {
  return {
    seq: Number(row.seq),
    sender: row.sender,
    author: row.author,
    text: row.text,
    clientId: row.client_id,
    createdAt: iso(row.created_at),
  };
}

export async function findSession(orm: Orm, id: string): Promise<ChatSessionRow | null> {
  const [row] = await sql(orm).execute<ChatSessionRow[]>('select * from chat_sessions where id = ?', [id]);
  return row ?? null;
}

/** The session a resident's token opens; one answer for "no such chat" and "wrong token". */
export async function residentSession(orm: Orm, id: string, token: string): Promise<ChatSessionRow> {
  const row = await findSession(orm, id);
  if (!row || !residentTokenMatches(row, token)) {
    throw new AppError('NOT_FOUND', 'No chat with this id and token');
  }
  return row;
}

export async function messagesAfter(
  orm: Orm,
  sessionId: string,
  afterSeq: number,
  limit = 500,
): Promise<ChatMessageView[]> {
  const rows = await sql(orm).execute<ChatMessageRow[]>(
    `select seq, sender, author, text, client_id, created_at from chat_messages
      where session_id = ? and seq > ? order by seq limit ?`,
    [sessionId, afterSeq, limit],
  );
  return rows.map(toMessageView);
}

export async function createSession(
  orm: Orm,
  hub: ChatHub,
  input: { name: string | null; email: string | null; language: 'pl' | 'en'; message: string | null },
): Promise<{ row: ChatSessionRow; token: string }> {
  const token = randomBytes(24).toString('base64url');
  const id = randomUUID();
  const em = orm.em.fork();
  const row = await em.transactional(async (tx) => {
    const [created] = await tx.execute<ChatSessionRow[]>(
      `insert into chat_sessions (id, resident_token_hash, resident_name, resident_email, language)
       values (?, ?, ?, ?, ?) returning *`,
      [id, hashResidentToken(token), input.name, input.email, input.language],
    );
    if (input.message) {
      await insertMessage(tx, created, {
        sender: 'RESIDENT',
        author: input.name,
        clientId: null,
        text: input.message,
      });
    }
    await announce(tx, { type: 'session', sessionId: id });
    return created;
  });
  hub.published({ type: 'session', sessionId: id });
  return { row: (await findSession(orm, id)) ?? row, token };
}

/** Locks the session for the rest of the transaction: messages and state changes take turns. */
export async function lockSession(tx: EntityManager, id: string): Promise<ChatSessionRow> {
  const [row] = await tx.execute<ChatSessionRow[]>('select * from chat_sessions where id = ? for update', [
    id,
  ]);
  if (!row) throw new AppError('NOT_FOUND', `No chat ${id}`);
  return row;
}

/** Appends under the session's lock (taken by the caller): the next number, then the row and its notice. */
export async function insertMessage(
  tx: EntityManager,
  session: Pick<ChatSessionRow, 'id'>,
  message: { sender: ChatSender; author: string | null; clientId: string | null; text: string },
): Promise<number> {
  const [{ last_seq: seq }] = await tx.execute<{ last_seq: number }[]>(
    `update chat_sessions set last_seq = last_seq + 1
       ${message.sender === 'RESIDENT' ? ', resident_seen_at = now()' : ''}
     where id = ? returning last_seq`,
    [session.id],
  );
  await tx.execute(
    `insert into chat_messages (session_id, seq, client_id, sender, author, text, created_at)
     values (?, ?, ?, ?, ?, ?, clock_timestamp())`,
    [session.id, seq, message.clientId, message.sender, message.author, message.text],
  );
  await announce(tx, { type: 'message', sessionId: session.id });
  return seq;
}

export interface PostedMessage {
  seq: number;
  /** True when this client id was stored before: a resend after a lost acknowledgement. */
  duplicate: boolean;
}

/**
 * Stores one message of a resident or of the clerk holding the chat, before anyone hears of it.
 * The same client id twice is the same message: the first one's number is returned again, even
 * after the chat has closed, so a client that resends after a dropped connection sees it acked.
 */
export async function postMessage(
  orm: Orm,
  hub: ChatHub,
  input: {
    sessionId: string;
    sender: 'RESIDENT' | 'CLERK';
    author: string | null;
    clerkId?: string;
    clientId: string | null;
    text: string;
  },
): Promise<PostedMessage> {
  const em = orm.em.fork();
  const posted = await em.transactional(async (tx) => {
    const session = await lockSession(tx, input.sessionId);
    if (input.clientId) {
      const [existing] = await tx.execute<{ seq: number }[]>(
        'select seq from chat_messages where session_id = ? and client_id = ?',
        [session.id, input.clientId],
      );
      if (existing) return { seq: Number(existing.seq), duplicate: true };
    }
    if (input.sender === 'RESIDENT') {
      if (session.status !== 'WAITING' && session.status !== 'ACTIVE') {
        throw new AppError('INVALID_TRANSITION', 'This chat has ended: start a new one', {
          status: session.status,
        });
      }
      if (session.resident_left_at) {
        await tx.execute('update chat_sessions set resident_left_at = null where id = ?', [session.id]);
      }
    } else {
      assertHeldBy(session, input.clerkId!);
    }
    const seq = await insertMessage(tx, session, {
      sender: input.sender,
      author: input.author,
      clientId: input.clientId,
      text: input.text,
    });
    return { seq, duplicate: false };
  });
  if (!posted.duplicate) hub.published({ type: 'message', sessionId: input.sessionId });
  return posted;
}

/** Only the clerk who took a chat speaks in it and decides how it ends. */
export function assertHeldBy(session: ChatSessionRow, clerkId: string): void {
  if (session.status === 'WAITING') {
    throw new AppError('INVALID_TRANSITION', 'Take the chat first', { status: session.status });
  }
  if (session.status !== 'ACTIVE') {
    throw new AppError('INVALID_TRANSITION', 'This chat has ended', { status: session.status });
  }
  if (session.clerk_id !== clerkId) {
    throw new AppError('CONFLICT', `This chat is held by ${session.clerk_username ?? 'another clerk'}`, {
      clerk: session.clerk_username,
    });
  }
}

/** Runs a state change under the session's lock and tells everyone once it is committed. */
export async function changeSession<T>(
  orm: Orm,
  hub: ChatHub,
  sessionId: string,
  change: (tx: EntityManager, session: ChatSessionRow) => Promise<T>,
): Promise<T> {
  const em = orm.em.fork();
  const result = await em.transactional(async (tx) => {
    const session = await lockSession(tx, sessionId);
    const value = await change(tx, session);
    await announce(tx, { type: 'session', sessionId });
    return value;
  });
  hub.published({ type: 'session', sessionId });
  hub.published({ type: 'message', sessionId });
  return result;
}

/** The resident closed the widget's chat: a waiting chat is abandoned, an active one waits for the clerk. */
export async function residentLeaves(orm: Orm, hub: ChatHub, sessionId: string): Promise<void> {
  await changeSession(orm, hub, sessionId, async (tx, session) => {
    if (session.status === 'WAITING') {
      await tx.execute(
        `update chat_sessions set status = 'CLOSED', outcome = 'ABANDONED', closed_at = now(),
           resident_left_at = now() where id = ?`,
        [session.id],
      );
      await insertMessage(tx, session, {
        sender: 'SYSTEM',
        author: null,
        clientId: null,
        text: 'RESIDENT_LEFT',
      });
    } else if (session.status === 'ACTIVE' && !session.resident_left_at) {
      await tx.execute('update chat_sessions set resident_left_at = now() where id = ?', [session.id]);
      await insertMessage(tx, session, {
        sender: 'SYSTEM',
        author: null,
        clientId: null,
        text: 'RESIDENT_LEFT',
      });
    }
  });
}

export async function markResidentSeen(orm: Orm, sessionId: string): Promise<void> {
  await sql(orm).execute('update chat_sessions set resident_seen_at = now() where id = ?', [sessionId]);
}

export async function clerksOnline(orm: Orm): Promise<number> {
  const [row] = await sql(orm).execute<{ n: number }[]>(
    `select count(distinct user_id)::int as n from chat_clerk_presence
      where last_seen_at > now() - make_interval(secs => ?)`,
    [PRESENCE_WINDOW_SECONDS],
  );
  return row.n;
}

export async function clerkConnected(
  orm: Orm,
  hub: ChatHub,
  connection: { id: string; userId: string; username: string },
): Promise<void> {
  await orm.em.fork().transactional(async (tx) => {
    await tx.execute(
      `insert into chat_clerk_presence (connection_id, user_id, username, last_seen_at) values (?, ?, ?, now())
       on conflict (connection_id) do update set last_seen_at = now()`,
      [connection.id, connection.userId, connection.username],
    );
    await announce(tx, { type: 'presence' });
  });
  hub.published({ type: 'presence' });
}

export async function clerkStillThere(orm: Orm, connectionId: string): Promise<void> {
  await sql(orm).execute('update chat_clerk_presence set last_seen_at = now() where connection_id = ?', [
    connectionId,
  ]);
}

export async function clerkDisconnected(orm: Orm, hub: ChatHub, connectionId: string): Promise<void> {
  await orm.em.fork().transactional(async (tx) => {
    await tx.execute('delete from chat_clerk_presence where connection_id = ?', [connectionId]);
    await announce(tx, { type: 'presence' });
  });
  hub.published({ type: 'presence' });
}

/**
 * Housekeeping any replica may run at any time (each statement is idempotent): waiting chats
 * whose resident is long gone are abandoned, presence rows of crashed processes are dropped.
 */
export async function sweepChats(orm: Orm, hub: ChatHub): Promise<void> {
  const em = orm.em.fork();
  const abandoned = await em.transactional(async (tx) => {
    const rows = await tx.execute<{ id: string }[]>(
      `update chat_sessions set status = 'CLOSED', outcome = 'ABANDONED', closed_at = now()
        where status = 'WAITING' and resident_seen_at < now() - make_interval(mins => ?)
        returning id`,
      [ABANDON_AFTER_MINUTES],
    );
    for (const row of rows) await announce(tx, { type: 'session', sessionId: row.id });
    const stale = await tx.execute<{ connection_id: string }[]>(
      `delete from chat_clerk_presence where last_seen_at < now() - make_interval(secs => ?)
       returning connection_id`,
      [PRESENCE_WINDOW_SECONDS * 5],
    );
    if (stale.length) await announce(tx, { type: 'presence' });
    return rows;
  });
  for (const row of abandoned) hub.published({ type: 'session', sessionId: row.id } satisfies ChatNotice);
}
