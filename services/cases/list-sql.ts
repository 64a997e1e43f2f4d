import { CALENDAR_TIME_ZONE } from '../../domain/sla/business-calendar';
import type { Orm } from '../service-deps';

export type Connection = ReturnType<Orm['em']['getConnection']>;

/**
 * A page of a back-office list: `sort` is a field the route's schema allowed and a direction,
 * `range` is [first, last] row, both included (ra-data-simple-rest).
 */
export interface ListPageQuery<F> {
  sort: readonly [string, 'ASC' | 'DESC'];
  range: readonly [number, number];
  filter: F;
}

export const asArray = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/**
 * Exact totals up to a cap; beyond it the planner's estimate. Counting a million matching rows
 * for every page would cost more than the page itself, and a clerk reads "about 1,000,000" fine.
 */
const EXACT_COUNT_CAP = 1_000;
export async function countOrEstimate(
  conn: Connection,
  fromWhere: string,
  params: unknown[],
): Promise<number> {
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

/** Adds the conditions of a `createdAt_gte` / `createdAt_lte` filter (a day or an instant) on `column`. */
export function createdWithin(
  column: string,
  filter: { createdAt_gte?: string; createdAt_lte?: string },
  where: string[],
  params: unknown[],
): void {
  if (filter.createdAt_gte) {
    where.push(`${column} >= ${instantSql(filter.createdAt_gte, 'start')}`);
    params.push(filter.createdAt_gte);
  }
  if (filter.createdAt_lte) {
    where.push(
      `${column} ${filter.createdAt_lte.length === 10 ? '<' : '<='} ${instantSql(filter.createdAt_lte, 'end')}`,
    );
    params.push(filter.createdAt_lte);
  }
}
