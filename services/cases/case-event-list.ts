import type { SessionUser } from '../../domain/auth/session-user';
import type { Orm } from '../service-deps';
import { caseVisibilitySql } from './case-access';
import { iso } from './case-records';
import { asArray, countOrEstimate, createdWithin, type ListPageQuery } from './list-sql';

export interface CaseEventFilter {
  caseId?: string;
  /** A username ("clerk") or the actor as stored ("user:clerk", "system", "resident"). */
  actor?: string;
  type?: string | string[];
  createdAt_gte?: string;
  createdAt_lte?: string;
}

interface CaseEventRow {
  id: string;
  case_id: string;
  case_number: string;
  type: string;
  actor: string;
  actor_role: string | null;
  status: string | null;
  is_public: boolean;
  note: string | null;
  payload: Record<string, unknown> | null;
  created_at: Date | string;
}

/** The events of the cases the user may see, one page of them and their (capped) total. */
export async function listCaseEvents(orm: Orm, user: SessionUser, query: ListPageQuery<CaseEventFilter>) {
  const { sort, range, filter } = query;
  const visible = caseVisibilitySql(user);
  const where = [visible.sql];
  const params: unknown[] = [...visible.params];
  if (filter.caseId) {
    where.push('e.case_id = ?');
    params.push(filter.caseId);
  }
  if (filter.actor) {
    where.push('e.actor in (?, ?)');
    params.push(filter.actor, `user:${filter.actor}`);
  }
  const types = asArray(filter.type);
  if (types?.length) {
    where.push(`e.type in (${types.map(() => '?').join(', ')})`);
    params.push(...types);
  }
  createdWithin('e.created_at', filter, where, params);
  const [from, to] = range;
  const conn = orm.em.fork().getConnection();
  const whereSql = where.join(' and ');
  const direction = sort[1] === 'ASC' ? 'asc' : 'desc';
  const order =
    sort[0] === 'createdAt' ? `e.created_at ${direction}, e.id ${direction}` : `e.id ${direction}`;
  // The audit view lists every case's events: millions of rows, so totals are capped like the case list's.
  const [rows, total] = await Promise.all([
    conn.execute<CaseEventRow[]>(
      `select e.*, c.number as case_number from case_events e join cases c on c.id = e.case_id
           where ${whereSql} order by ${order} limit ? offset ?`,
      [...params, to - from + 1, from],
    ),
    countOrEstimate(conn, `from case_events e join cases c on c.id = e.case_id where ${whereSql}`, params),
  ]);
  return {
    records: rows.map((e) => ({
      id: Number(e.id),
      caseId: e.case_id,
      caseNumber: e.case_number,
      type: e.type,
      actor: e.actor,
      actorRole: e.actor_role,
      status: e.status,
      isPublic: e.is_public,
      note: e.note,
      payload: e.payload,
      createdAt: iso(e.created_at)!,
    })),
    total,
  };
}
