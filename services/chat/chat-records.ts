import type { Orm } from '../../db/orm';
import type { CaseKind, CaseStatus, Channel } from '../../domain/cases/case-states';
import type { ChatOutcome, ChatSender, ChatStatus } from '../../domain/chat/chat-states';
import { AppError } from '../../domain/errors';
import {
  findSession,
  iso,
  isoOrNull,
  messagesAfter,
  type ChatMessageView,
  type ChatSessionRow,
} from './chat-store';

export interface ChatListRow extends ChatSessionRow {
  case_number: string | null;
  last_sender: ChatSender | null;
  last_text: string | null;
  last_at: Date | string | null;
}

export interface ChatFilter {
  status?: ChatStatus | ChatStatus[];
  outcome?: ChatOutcome;
  mine?: boolean;
  residentEmail?: string;
  q?: string;
}

const SORT_COLUMNS: Record<string, string> = {
  createdAt: 's.created_at',
  id: 's.id',
  status: 's.status',
  takenAt: 's.taken_at',
  closedAt: 's.closed_at',
};

const SELECT = `select s.*, c.number as case_number,
    lm.sender as last_sender, lm.text as last_text, lm.created_at as last_at
  from chat_sessions s
  left join cases c on c.id = s.case_id
  left join lateral (
    select m.sender, m.text, m.created_at from chat_messages m
     where m.session_id = s.id and m.sender <> 'SYSTEM' order by m.seq desc limit 1
  ) lm on true`;

/** A chat as the back office lists it: the same for every clerk but `heldByMe`. */
function toRecord(row: ChatListRow, userId: string) {
  return {
    id: row.id,
    status: row.status,
    outcome: row.outcome,
    language: row.language,
    residentName: row.resident_name,
    residentEmail: row.resident_email,
    clerkUsername: row.clerk_username,
    clerkName: row.clerk_name,
    heldByMe: row.status === 'ACTIVE' && row.clerk_id === userId,
    createdAt: iso(row.created_at),
    takenAt: isoOrNull(row.taken_at),
    closedAt: isoOrNull(row.closed_at),
    residentLeftAt: isoOrNull(row.resident_left_at),
    caseId: row.case_id,
    caseNumber: row.case_number,
    messageCount: Number(row.last_seq),
    lastMessage:
      row.last_sender && row.last_text !== null && row.last_at
        ? { sender: row.last_sender, text: row.last_text, createdAt: iso(row.last_at) }
        : null,
  };
}

export type ChatRecord = ReturnType<typeof toRecord>;

type Sql = { execute<T>(sql: string, params?: unknown[]): Promise<T> };
const sql = (orm: Orm) => orm.em.fork().getConnection() as unknown as Sql;

/** One chat as the back office shows it; the row is the same for every clerk but `heldByMe`. */
export async function chatRecordRow(orm: Orm, id: string): Promise<ChatListRow | null> {
  const [row] = await sql(orm).execute<ChatListRow[]>(`${SELECT} where s.id = ?`, [id]);
  return row ?? null;
}

export function chatRecordFor(row: ChatListRow, userId: string): ChatRecord {
  return toRecord(row, userId);
}

/** One chat as the back office shows it to this clerk. */
export async function chatRecord(orm: Orm, id: string, userId: string): Promise<ChatRecord> {
  const row = await chatRecordRow(orm, id);
  if (!row) throw new AppError('NOT_FOUND', `No chat ${id}`);
  return chatRecordFor(row, userId);
}

/** One chat with its whole transcript. */
export async function chatWithTranscript(
  orm: Orm,
  id: string,
  userId: string,
): Promise<ChatRecord & { messages: ChatMessageView[] }> {
  const chat = await chatRecord(orm, id, userId);
  return { ...chat, messages: await messagesAfter(orm, chat.id, 0, 100_000) };
}

export async function listChats(
  orm: Orm,
  userId: string,
  query: { filter: ChatFilter; sort: [string, 'ASC' | 'DESC']; range: [number, number] },
): Promise<{ records: ChatRecord[]; total: number }> {
  const where: string[] = ['true'];
  const params: unknown[] = [];
  const { filter } = query;
  if (filter.status) {
    const statuses = Array.isArray(filter.status) ? filter.status : [filter.status];
    where.push(`s.status in (${statuses.map(() => '?').join(', ')})`);
    params.push(...statuses);
  }
  if (filter.outcome) {
    where.push('s.outcome = ?');
    params.push(filter.outcome);
  }
  if (filter.mine) {
    where.push(`s.clerk_id = ? and s.status = 'ACTIVE'`);
    params.push(userId);
  }
  if (filter.residentEmail) {
    where.push('lower(s.resident_email) = lower(?)');
    params.push(filter.residentEmail);
  }
  if (filter.q) {
    where.push('(s.resident_name ilike ? or s.resident_email ilike ?)');
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like);
  }
  const whereSql = where.join(' and ');
  const [from, to] = query.range;
  const order = `${SORT_COLUMNS[query.sort[0]] ?? 's.created_at'} ${query.sort[1] === 'DESC' ? 'desc' : 'asc'}`;
  const conn = sql(orm);
  const [rows, [{ total }]] = await Promise.all([
    conn.execute<ChatListRow[]>(`${SELECT} where ${whereSql} order by ${order}, s.id limit ? offset ?`, [
      ...params,
      to - from + 1,
      from,
    ]),
    conn.execute<{ total: string }[]>(
      `select count(*) as total from chat_sessions s where ${whereSql}`,
      params,
    ),
  ]);
  return { records: rows.map((row) => toRecord(row, userId)), total: Number(total) };
}

const RESIDENT_HISTORY_LIMIT = 20;

/** The resident's earlier cases, found by the e-mail the resident gave (typed, not verified). */
export async function residentCases(orm: Orm, chatId: string) {
  const session = await findSession(orm, chatId);
  if (!session) throw new AppError('NOT_FOUND', `No chat ${chatId}`);
  if (!session.resident_email) return [];
  const rows = await orm.em.fork().execute<
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
    createdAt: iso(row.created_at),
  }));
}
