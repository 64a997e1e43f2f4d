import { bucketStarts, type Bucket, type VolumeDimension } from '../../domain/statistics/statistics-periods';
import type { Volumes } from './figures';
import { bucketStartsSql, nullsLast, unitFilter, withinDays, type Sql } from './statistics-sql';

const DIMENSION_COLUMNS: Record<VolumeDimension, string> = {
  channel: 'c.channel',
  kind: 'c.kind',
  status: 'c.status',
  district: 'c.district',
  event: 'c.event_code',
  unit: 'c.unit_code',
};

/**
 * Office bookings in the figures of cases. The city counts every booking made (a hold that expired
 * unconfirmed never became one) as one case of kind BOOKING. So every breakdown of the contacts
 * filed in a period counts them, and the breakdowns of one dashboard add up to the same total: by
 * channel (the booking's), kind (BOOKING), status (the booking's own), district (its office's),
 * event and unit (none: a booking is no reported event and no unit's work). A unit's figures count
 * no booking in any breakdown, since bookings belong to offices, not units. Figures of open cases
 * and SLAs (the overview, the on-time rate) and residents' ratings are about cases alone: a booking
 * has no SLA clock and is not rated.
 */
const BOOKING_DIMENSION_COLUMNS: Record<VolumeDimension, string> = {
  channel: 'b.channel',
  kind: "'BOOKING'",
  status: 'b.status',
  district: 'o.district',
  event: 'null::text',
  unit: 'null::text',
};

/** Bookings made within `from`..`to` counted as cases (see BOOKING_DIMENSION_COLUMNS); two parameters. */
const bookingsMadeWithin = `from bookings b join booking_offices o on o.id = b.office_id
      where b.status <> 'EXPIRED' and ${withinDays('b.created_at')}`;

/** Cases filed per bucket and value of one dimension (channel, kind, district, event or unit). */
export async function volumes(
  sql: Sql,
  query: { from: string; to: string; bucket: Bucket; dimension: VolumeDimension },
  unitCode: string | null,
): Promise<Volumes> {
  const unit = unitFilter(unitCode);
  const column = DIMENSION_COLUMNS[query.dimension];
  const periods = bucketStarts(query.from, query.to, query.bucket);
  const buckets = `{${periods.join(',')}}`;
  // Bookings live in their own table (their workflow is not a case's): added city-wide, summed
  // with the cases that share a key (a booking and a case both made on the portal).
  const bookings = unitCode
    ? { sql: '', params: [] }
    : {
        sql: ` union all
           select width_bucket(b.created_at, ${bucketStartsSql}), ${BOOKING_DIMENSION_COLUMNS[query.dimension]}, count(*)
             ${bookingsMadeWithin}
            group by 1, 2`,
        params: [buckets, query.from, query.to],
      };
  const counted = await sql.execute<{ bucket: number; key: string | null; n: number }[]>(
    `select bucket, key, sum(n)::int as n from (
       select width_bucket(c.created_at, ${bucketStartsSql}) as bucket, ${column} as key, count(*) as n
         from cases c
        where ${withinDays('c.created_at')}${unit.sql}
        group by 1, 2${bookings.sql}
     ) counted
     group by 1, 2`,
    [buckets, query.from, query.to, ...unit.params, ...bookings.params],
  );
  const rows = counted
    .sort((a, b) => a.bucket - b.bucket || nullsLast(a.key, b.key))
    .map((row) => ({ period: periods[row.bucket - 1], key: row.key, count: row.n }));
  const totals = new Map<string | null, number>();
  for (const row of rows) totals.set(row.key, (totals.get(row.key) ?? 0) + row.count);
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || nullsLast(a[0], b[0]));
  return {
    from: query.from,
    to: query.to,
    bucket: query.bucket,
    dimension: query.dimension,
    unitCode,
    periods,
    keys: ranked.map(([key]) => key),
    rows,
    totals: ranked.map(([key, count]) => ({ key, count, share: count / total })),
    total,
  };
}
