import type { SessionUser } from '../../domain/auth/session-user';
import {
  isOpenStatus,
  OPEN_STATUSES,
  type CaseKind,
  type CaseStatus,
  type Channel,
  type SlaState,
} from '../../domain/cases/case-states';
import type { ServiceDeps } from '../service-deps';
import { caseVisibilitySql } from './case-access';
import { toCaseRecord, type CaseRecord, type CaseRow } from './case-records';
import { asArray, countOrEstimate, createdWithin, type Connection, type ListPageQuery } from './list-sql';

const NULLABLE_SORTS = new Set(['resolutionDueAt', 'unitCode', 'district']);

const SORT_COLUMNS: Record<string, string> = {
  createdAt: 'c.created_at',
  number: 'c.number',
  status: 'c.status',
  kind: 'c.kind',
  priority: 'c.priority',
  resolutionDueAt: 'c.resolution_due_at',
  unitCode: 'c.unit_code',
  district: 'c.district',
};

export interface CaseListFilter {
  id?: string[];
  status?: CaseStatus | CaseStatus[];
  kind?: CaseKind | CaseKind[];
  eventCode?: string;
  unitCode?: string;
  district?: string;
  channel?: Channel | Channel[];
  slaState?: SlaState | SlaState[];
  escalationLevel_gte?: number;
  createdAt_gte?: string;
  createdAt_lte?: string;
  overdue?: boolean;
  q?: string;
}

const OPEN_STATUSES_SQL = OPEN_STATUSES.map((status) => `'${status}'`).join(', ');

/** The ORDER BY of a list by a column: the column, then the id so pages never overlap. */
function columnOrderSql(sort: readonly [string, 'ASC' | 'DESC']): string {
  const direction = sort[1] === 'ASC' ? 'asc' : 'desc';
  // "nulls last" only where a column can be null: on the others it would keep the planner
  // from walking the (column desc, id desc) index and make it sort the whole table.
  const nulls = NULLABLE_SORTS.has(sort[0]) ? ' nulls last' : '';
  return `${SORT_COLUMNS[sort[0]]} ${direction}${nulls}, c.id ${direction}`;
}

/**
 * One page in the unit queue's order (`urgency`): open cases by resolution deadline, so the
 * overdue ones come first and those without a deadline last; then closed cases the same way.
 * Each part is its own query on the partial indexes of open cases' deadlines: a single ORDER BY
 * over both would sort every matching case of a unit for every page.
 */
async function urgencyPage(
  conn: Connection,
  whereSql: string,
  params: unknown[],
  direction: 'ASC' | 'DESC',
  onlyOpenCases: boolean,
  from: number,
  size: number,
): Promise<CaseRow[]> {
  const order =
    direction === 'ASC'
      ? 'c.resolution_due_at asc nulls last, c.id asc'
      : 'c.resolution_due_at desc nulls first, c.id desc';
  const open = `${whereSql} and c.status in (${OPEN_STATUSES_SQL})`;
  const closed = `${whereSql} and c.status not in (${OPEN_STATUSES_SQL})`;
  const parts = onlyOpenCases ? [open] : direction === 'ASC' ? [open, closed] : [closed, open];
  const rows: CaseRow[] = [];
  let skip = from;
  for (const part of parts) {
    const found = await conn.execute<CaseRow[]>(
      `select c.* from cases c where ${part} order by ${order} limit ? offset ?`,
      [...params, size - rows.length, skip],
    );
    rows.push(...found);
    if (rows.length === size) break;
    // The page starts in a later part: skip what this part holds before it.
    if (found.length > 0) skip = 0;
    else if (skip > 0) {
      const [{ n }] = await conn.execute<{ n: string }[]>(
        `select count(*) as n from cases c where ${part}`,
        params,
      );
      skip = Math.max(0, skip - Number(n));
    }
  }
  return rows;
}

/** Words of a search box as a prefix query ("zolib" finds "Żoliborz"); null when nothing searchable is left. */
export function prefixQuery(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : null;
}

/**
 * The back office's case list: one page of the cases the user may see, and their (capped) total.
 * Sorted by a column or by `urgency`, the unit queue's order (see urgencyPage).
 */
export async function listCases(
  deps: Pick<ServiceDeps, 'orm' | 'config'>,
  user: SessionUser,
  query: ListPageQuery<CaseListFilter>,
): Promise<{ records: CaseRecord[]; total: number }> {
  const { sort, range, filter } = query;
  const visible = caseVisibilitySql(user);
  const where: string[] = [visible.sql];
  const params: unknown[] = [...visible.params];
  const inList = (column: string, values: readonly unknown[] | undefined) => {
    if (!values?.length) return;
    where.push(`${column} in (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  const statuses = asArray(filter.status);
  inList('c.id', filter.id);
  inList('c.status', statuses);
  inList('c.kind', asArray(filter.kind));
  inList('c.channel', asArray(filter.channel));
  inList('c.sla_state', asArray(filter.slaState));
  inList('c.event_code', filter.eventCode ? [filter.eventCode] : undefined);
  inList('c.unit_code', filter.unitCode ? [filter.unitCode] : undefined);
  inList('c.district', filter.district ? [filter.district] : undefined);
  // Level 0 is every case: no condition, rather than one that keeps the planner off the
  // partial index of escalated cases.
  if (filter.escalationLevel_gte) {
    where.push('c.escalation_level >= ?');
    params.push(filter.escalationLevel_gte);
  }
  createdWithin('c.created_at', filter, where, params);
  // "Now" as a value, not now(): the planner then estimates from the deadlines' statistics.
  // This is the one definition of "past SLA" the back office filters by (the inbox's quick
  // filter, the unit's "overdue"): open and past the resolution deadline. The SLA state alone
  // is not: a case cancelled, merged or resolved after its breach keeps BREACHED as its outcome.
  const now = new Date();
  if (filter.overdue === true) {
    where.push(`c.status in (${OPEN_STATUSES_SQL}) and c.resolution_due_at < ?`);
    params.push(now);
  } else if (filter.overdue === false) {
    where.push(
      `not (c.status in (${OPEN_STATUSES_SQL}) and c.resolution_due_at is not null and c.resolution_due_at < ?)`,
    );
    params.push(now);
  }
  const search = filter.q ? prefixQuery(filter.q) : null;
  if (filter.q && search) {
    // Full text over number, description, street and district, without Polish diacritics.
    where.push(`(c.search_vector @@ to_tsquery('civicflow_simple', ?) or c.number = ?)`);
    params.push(search, filter.q);
  } else if (filter.q) {
    where.push('c.number = ?');
    params.push(filter.q);
  }
  const [from, to] = range;
  const whereSql = where.join(' and ');
  const onlyOpenCases = filter.overdue === true || Boolean(statuses?.length && statuses.every(isOpenStatus));
  const conn = deps.orm.em.fork().getConnection();
  const [rows, total] = await Promise.all([
    sort[0] === 'urgency'
      ? urgencyPage(conn, whereSql, params, sort[1], onlyOpenCases, from, to - from + 1)
      : conn.execute<CaseRow[]>(
          `select c.* from cases c where ${whereSql} order by ${columnOrderSql(sort)} limit ? offset ?`,
          [...params, to - from + 1, from],
        ),
    countOrEstimate(conn, `from cases c where ${whereSql}`, params),
  ]);
  return { records: rows.map((row) => toCaseRecord(row, user, deps.config)), total };
}
