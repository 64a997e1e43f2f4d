import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { CALENDAR_TIME_ZONE } from '../../../domain/sla/business-calendar';
import type { CaseStatus } from '../../../domain/cases/case-states';
import { contentRange } from '../list-query';
import { caseVisibilitySql } from './case-access';
import { asArray, iso, loadCaseRecord, toRecord, type CaseRow } from './case-record';
import { caseEventListQuery, caseEventRecord, caseListQuery, caseRecord } from './cases.schemas';

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

/**
 * Statuses in which a case still waits for someone. The partial indexes of
 * Migration20261129050000CaseChangeFeed list the same statuses: change both together.
 */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'NEW',
  'TRIAGE',
  'FORWARDED',
  'IN_PROGRESS',
  'WAITING_FOR_RESIDENT',
];
const OPEN_STATUSES_SQL = OPEN_STATUSES.map((status) => `'${status}'`).join(', ');

type Connection = ReturnType<AppDeps['orm']['em']['getConnection']>;

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
 * Exact totals up to a cap; beyond it the planner's estimate. Counting a million matching rows
 * for every page would cost more than the page itself, and a clerk reads "about 1,000,000" fine.
 */
const EXACT_COUNT_CAP = 1_000;
async function countOrEstimate(conn: Connection, fromWhere: string, params: unknown[]): Promise<number> {
  const [{ n }] = await conn.execute<{ n: string }[]>(
    `select count(*) as n from (select 1 ${fromWhere} limit ${EXACT_COUNT_CAP + 1}) capped`,
    params,
  );
  if (Number(n) <= EXACT_COUNT_CAP) return Number(n);
  const [plan] = await conn.execute<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
    `explain (format json) select 1 ${fromWhere}`,
    params,
  );
  return Math.max(EXACT_COUNT_CAP + 1, Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']));
}

/**
 * A date filter's bound as SQL: an instant as it is; a day as the start of that day in Warsaw,
 * or for an upper bound the start of the next one (compared with "<"), so "to 29 November"
 * includes the whole 29th whatever the server's time zone.
 */
function instantSql(value: string, bound: 'start' | 'end'): string {
  if (value.length !== 10) return '?::timestamptz';
  const day = bound === 'start' ? '?::date' : '(?::date + 1)';
  return `(${day})::timestamp at time zone '${CALENDAR_TIME_ZONE}'`;
}

/** The back office's case list and detail, in ra-data-simple-rest's conventions. */
export const backOfficeCaseRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const staff = requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF');
  const connection = () => deps.orm.em.fork().getConnection();

  app.get(
    '/cases',
    {
      preHandler: staff,
      schema: {
        tags: ['back office'],
        summary: 'List cases',
        security: [{ bearerAuth: [] }],
        querystring: caseListQuery,
        response: { 200: z.array(caseRecord) },
      },
    },
    async (request, reply) => {
      const { sort = ['createdAt', 'DESC'], range = [0, 24], filter = {} } = request.query;
      const visible = caseVisibilitySql(request.staff!);
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
      if (filter.createdAt_gte) {
        where.push(`c.created_at >= ${instantSql(filter.createdAt_gte, 'start')}`);
        params.push(filter.createdAt_gte);
      }
      if (filter.createdAt_lte) {
        where.push(
          `c.created_at ${filter.createdAt_lte.length === 10 ? '<' : '<='} ${instantSql(filter.createdAt_lte, 'end')}`,
        );
        params.push(filter.createdAt_lte);
      }
      // "Now" as a value, not now(): the planner then estimates from the deadlines' statistics.
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
      const onlyOpenCases =
        filter.overdue === true ||
        Boolean(statuses?.length && statuses.every((s) => OPEN_STATUSES.includes(s)));
      const conn = connection();
      const [rows, total] = await Promise.all([
        sort[0] === 'urgency'
          ? urgencyPage(conn, whereSql, params, sort[1], onlyOpenCases, from, to - from + 1)
          : conn.execute<CaseRow[]>(
              `select c.* from cases c where ${whereSql} order by ${columnOrderSql(sort)} limit ? offset ?`,
              [...params, to - from + 1, from],
            ),
        countOrEstimate(conn, `from cases c where ${whereSql}`, params),
      ]);
      reply.header('Content-Range', contentRange('cases', from, rows.length, total));
      return rows.map((row) => toRecord(row, request.staff!, deps.config));
    },
  );

  app.get(
    '/cases/:id',
    {
      preHandler: staff,
      schema: {
        tags: ['back office'],
        summary: 'One case',
        security: [{ bearerAuth: [] }],
        params: z.object({ id: z.uuid() }),
        response: { 200: caseRecord },
      },
    },
    async (request) => {
      return loadCaseRecord(deps, request.params.id, request.staff!);
    },
  );

  app.get(
    '/case-events',
    {
      preHandler: staff,
      schema: {
        tags: ['back office'],
        summary: 'The timeline and audit trail of cases',
        security: [{ bearerAuth: [] }],
        querystring: caseEventListQuery,
        response: { 200: z.array(caseEventRecord) },
      },
    },
    async (request, reply) => {
      const { sort = ['id', 'ASC'], range = [0, 99], filter = {} } = request.query;
      const visible = caseVisibilitySql(request.staff!);
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
      if (filter.createdAt_gte) {
        where.push(`e.created_at >= ${instantSql(filter.createdAt_gte, 'start')}`);
        params.push(filter.createdAt_gte);
      }
      if (filter.createdAt_lte) {
        where.push(
          `e.created_at ${filter.createdAt_lte.length === 10 ? '<' : '<='} ${instantSql(filter.createdAt_lte, 'end')}`,
        );
        params.push(filter.createdAt_lte);
      }
      const [from, to] = range;
      const conn = connection();
      const whereSql = where.join(' and ');
      const direction = sort[1] === 'ASC' ? 'asc' : 'desc';
      const order =
        sort[0] === 'createdAt' ? `e.created_at ${direction}, e.id ${direction}` : `e.id ${direction}`;
      // The audit view lists every case's events: millions of rows, so totals are capped like the case list's.
      const [rows, total] = await Promise.all([
        conn.execute<
          {
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
          }[]
        >(
          `select e.*, c.number as case_number from case_events e join cases c on c.id = e.case_id
           where ${whereSql} order by ${order} limit ? offset ?`,
          [...params, to - from + 1, from],
        ),
        countOrEstimate(
          conn,
          `from case_events e join cases c on c.id = e.case_id where ${whereSql}`,
          params,
        ),
      ]);
      reply.header('Content-Range', contentRange('case-events', from, rows.length, total));
      return rows.map((e) => ({
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
      }));
    },
  );
};
