import { OPEN_STATUSES } from '../../domain/cases/case-states';
import { CITY_TIME_ZONE } from '../../domain/statistics/statistics-periods';
import type { Orm } from '../service-deps';

/** What the queries need of a connection: raw SQL with `?` parameters and typed rows. */
export interface Sql {
  execute<T>(sql: string, params: unknown[]): Promise<T>;
}

export const OPEN_IN = OPEN_STATUSES.map((status) => `'${status}'`).join(', ');

/** Midnight of a city day as a timestamptz, so ranges stay plain comparisons on indexed columns. */
export const cityMidnight = (dayExpression: string) =>
  `(${dayExpression})::timestamp at time zone '${CITY_TIME_ZONE}'`;

/** `column` within the city days `from`..`to` (inclusive); two parameters. */
export const withinDays = (column: string) =>
  `${column} >= ${cityMidnight('?::date')} and ${column} < ${cityMidnight('?::date + 1')}`;

export const unitFilter = (unitCode: string | null) =>
  unitCode ? { sql: ' and c.unit_code = ?', params: [unitCode] } : { sql: '', params: [] };

/** The statistics' connection: a fresh entity manager's, for one request. */
export function sqlOf(orm: Orm): Sql {
  const connection = orm.em.fork().getConnection();
  return {
    execute: async <T>(query: string, params: unknown[]) => (await connection.execute(query, params)) as T,
  };
}

/**
 * The bucket of each case as `width_bucket` over the buckets' first instants: a binary search per
 * row, several times cheaper than converting every row's time stamp to Warsaw time and truncating.
 */
export const bucketStartsSql = `(select array_agg(start::timestamp at time zone '${CITY_TIME_ZONE}' order by start)
                            from unnest(?::date[]) as start)`;

export const nullsLast = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
