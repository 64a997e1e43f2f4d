import { CHANNELS, type Channel } from '../../../domain/cases/case-states';
import { iso } from '../cases/case-record';
import {
  CITY_TIME_ZONE,
  OPEN_STATUSES,
  type Bucket,
  type CaseSummary,
  type ContactsPerYear,
  type OnTime,
  type Overview,
  type RatingFigures,
  type Ratings,
  type VolumeDimension,
  type Volumes,
} from './statistics.schemas';

/** What the queries need of a connection: raw SQL with `?` parameters and typed rows. */
export interface Sql {
  execute<T>(sql: string, params: unknown[]): Promise<T>;
}

const OPEN_IN = OPEN_STATUSES.map((status) => `'${status}'`).join(', ');

/** Midnight of a city day as a timestamptz, so ranges stay plain comparisons on indexed columns. */
const cityMidnight = (dayExpression: string) =>
  `(${dayExpression})::timestamp at time zone '${CITY_TIME_ZONE}'`;

/** `column` within the city days `from`..`to` (inclusive); two parameters. */
const withinDays = (column: string) =>
  `${column} >= ${cityMidnight('?::date')} and ${column} < ${cityMidnight('?::date + 1')}`;

const unitFilter = (unitCode: string | null) =>
  unitCode ? { sql: ' and c.unit_code = ?', params: [unitCode] } : { sql: '', params: [] };

interface CaseSummaryRow {
  id: string;
  number: string;
  kind: CaseSummary['kind'];
  status: CaseSummary['status'];
  event_code: string | null;
  unit_code: string | null;
  district: string | null;
  sla_state: CaseSummary['slaState'];
  escalation_level: number;
  resolution_due_at: Date | string | null;
}

const toSummary = (row: CaseSummaryRow): CaseSummary => ({
  id: row.id,
  number: row.number,
  kind: row.kind,
  status: row.status,
  eventCode: row.event_code,
  unitCode: row.unit_code,
  district: row.district,
  slaState: row.sla_state,
  escalationLevel: row.escalation_level,
  resolutionDueAt: iso(row.resolution_due_at),
});

/** Open cases in one SLA state, soonest (or longest overdue) resolution deadline first. */
export async function openCasesInSlaState(
  sql: Sql,
  slaState: 'AT_RISK' | 'BREACHED',
  unitCode: string | null,
  limit: number,
): Promise<CaseSummary[]> {
  const unit = unitFilter(unitCode);
  const rows = await sql.execute<CaseSummaryRow[]>(
    `select c.id, c.number, c.kind, c.status, c.event_code, c.unit_code, c.district, c.sla_state,
            c.escalation_level, c.resolution_due_at
       from cases c
      where c.status in (${OPEN_IN}) and c.sla_state = ?${unit.sql}
      order by c.resolution_due_at asc nulls last, c.id
      limit ?`,
    [slaState, ...unit.params, limit],
  );
  return rows.map(toSummary);
}

export async function overview(sql: Sql, unitCode: string | null): Promise<Overview> {
  const unit = unitFilter(unitCode);
  const [openRows, eventRows, atRisk, breached] = await Promise.all([
    sql.execute<{ sla_state: string | null; n: number }[]>(
      `select c.sla_state, count(*)::int as n from cases c
        where c.status in (${OPEN_IN})${unit.sql} group by c.sla_state`,
      unit.params,
    ),
    // "Today" and "this week" are the city's: since midnight and since Monday midnight in Warsaw.
    sql.execute<{ type: string; today: number; week: number }[]>(
      `select e.type,
              count(*) filter (where e.created_at >= ${cityMidnight(`date_trunc('day', now() at time zone '${CITY_TIME_ZONE}')`)})::int as today,
              count(*)::int as week
         from case_events e${unitCode ? ' join cases c on c.id = e.case_id' : ''}
        where e.type in ('SLA_BREACHED', 'SLA_ESCALATED')
          and e.created_at >= ${cityMidnight(`date_trunc('week', now() at time zone '${CITY_TIME_ZONE}')`)}${unit.sql}
        group by e.type`,
      unit.params,
    ),
    openCasesInSlaState(sql, 'AT_RISK', unitCode, 10),
    openCasesInSlaState(sql, 'BREACHED', unitCode, 10),
  ]);
  const bySlaState = { ON_TRACK: 0, AT_RISK: 0, BREACHED: 0, PAUSED: 0, NONE: 0 };
  for (const row of openRows) {
    // MET on an open case cannot come from the workflow; counted as without a running clock.
    const key = row.sla_state && row.sla_state in bySlaState ? row.sla_state : 'NONE';
    bySlaState[key as keyof typeof bySlaState] += row.n;
  }
  const events = (type: string) => {
    const row = eventRows.find((r) => r.type === type);
    return { today: row?.today ?? 0, thisWeek: row?.week ?? 0 };
  };
  return {
    generatedAt: new Date().toISOString(),
    timeZone: CITY_TIME_ZONE,
    unitCode,
    open: { total: openRows.reduce((sum, row) => sum + row.n, 0), bySlaState },
    breaches: events('SLA_BREACHED'),
    escalations: events('SLA_ESCALATED'),
    atRisk,
    breached,
  };
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Cases resolved in the period with an SLA outcome: MET on time, BREACHED late. */
export async function onTimeByUnit(
  sql: Sql,
  period: { from: string; to: string },
  unitCode: string | null,
): Promise<OnTime> {
  const unit = unitFilter(unitCode);
  const rows = await sql.execute<
    { unit_code: string | null; unit_name: string | null; on_time: number; late: number }[]
  >(
    `select c.unit_code, u.name as unit_name,
            count(*) filter (where c.sla_state = 'MET')::int as on_time,
            count(*) filter (where c.sla_state = 'BREACHED')::int as late
       from cases c left join units u on u.code = c.unit_code
      where ${withinDays('c.resolved_at')} and c.sla_state in ('MET', 'BREACHED')${unit.sql}
      group by c.unit_code, u.name
      order by c.unit_code nulls last`,
    [period.from, period.to, ...unit.params],
  );
  const units = rows.map((row) => ({
    unitCode: row.unit_code,
    unitName: row.unit_name,
    resolved: row.on_time + row.late,
    onTime: row.on_time,
    late: row.late,
    onTimeRate: rate(row.on_time, row.on_time + row.late),
  }));
  const onTime = units.reduce((sum, u) => sum + u.onTime, 0);
  const late = units.reduce((sum, u) => sum + u.late, 0);
  return {
    ...period,
    unitCode,
    units,
    total: { resolved: onTime + late, onTime, late, onTimeRate: rate(onTime, onTime + late) },
  };
}

const DIMENSION_COLUMNS: Record<VolumeDimension, string> = {
  channel: 'c.channel',
  kind: 'c.kind',
  district: 'c.district',
  event: 'c.event_code',
  unit: 'c.unit_code',
};

/** The first day of every bucket from the one holding `from` to the one holding `to`. */
export function bucketStarts(from: string, to: string, bucket: Bucket): string[] {
  const start = new Date(`${from}T00:00:00Z`);
  if (bucket === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  if (bucket === 'month') start.setUTCDate(1);
  const end = new Date(`${to}T00:00:00Z`);
  const starts: string[] = [];
  for (const at = start; at <= end;) {
    starts.push(at.toISOString().slice(0, 10));
    if (bucket === 'day') at.setUTCDate(at.getUTCDate() + 1);
    else if (bucket === 'week') at.setUTCDate(at.getUTCDate() + 7);
    else at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return starts;
}

/**
 * The bucket of each case as `width_bucket` over the buckets' first instants: a binary search per
 * row, several times cheaper than converting every row's time stamp to Warsaw time and truncating.
 */
const bucketStartsSql = `(select array_agg(start::timestamp at time zone '${CITY_TIME_ZONE}' order by start)
                            from unnest(?::date[]) as start)`;

const nullsLast = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

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
  // The city counts office bookings as cases of kind BOOKING. They live in their own table (their
  // workflow is not a case's) and belong to offices, not units: counted only city-wide.
  const bookings =
    query.dimension === 'kind' && !unitCode
      ? {
          sql: ` union all
             select width_bucket(b.created_at, ${bucketStartsSql}), 'BOOKING', count(*)::int
               from bookings b
              where ${withinDays('b.created_at')} and b.status <> 'EXPIRED'
              group by 1, 2`,
          params: [buckets, query.from, query.to],
        }
      : { sql: '', params: [] };
  const counted = await sql.execute<{ bucket: number; key: string | null; n: number }[]>(
    `select width_bucket(c.created_at, ${bucketStartsSql}) as bucket, ${column} as key, count(*)::int as n
       from cases c
      where ${withinDays('c.created_at')}${unit.sql}
      group by 1, 2${bookings.sql}`,
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

type ChannelCounts = Partial<Record<Channel, number>>;

/**
 * Counts of years that are over, kept for a while: a five-year table reads every case of five
 * years, and those counts change only when an old case moves to another unit. The current year is
 * always counted afresh.
 */
export class ClosedYearCounts {
  private readonly entries = new Map<string, { counts: ChannelCounts; expiresAt: number }>();

  constructor(private readonly ttlMs: number) {}

  get(year: number, unitCode: string | null, now = Date.now()): ChannelCounts | undefined {
    const entry = this.entries.get(`${year}:${unitCode ?? ''}`);
    return entry && entry.expiresAt > now ? entry.counts : undefined;
  }

  set(year: number, unitCode: string | null, counts: ChannelCounts, now = Date.now()): void {
    this.entries.set(`${year}:${unitCode ?? ''}`, { counts, expiresAt: now + this.ttlMs });
  }
}

async function countContacts(
  sql: Sql,
  fromYear: number,
  toYear: number,
  unitCode: string | null,
): Promise<Map<number, ChannelCounts>> {
  const unit = unitFilter(unitCode);
  const firstDays: string[] = [];
  for (let year = fromYear; year <= toYear; year += 1) firstDays.push(`${year}-01-01`);
  const counted = await sql.execute<{ bucket: number; channel: Channel; n: number }[]>(
    `select width_bucket(c.created_at, ${bucketStartsSql}) as bucket, c.channel, count(*)::int as n
       from cases c
      where c.created_at >= ${cityMidnight('make_date(?::int, 1, 1)')}
        and c.created_at < ${cityMidnight('make_date(?::int + 1, 1, 1)')}${unit.sql}
      group by 1, 2`,
    [`{${firstDays.join(',')}}`, fromYear, toYear, ...unit.params],
  );
  const byYear = new Map<number, ChannelCounts>();
  for (let year = fromYear; year <= toYear; year += 1) byYear.set(year, {});
  for (const row of counted) byYear.get(fromYear + row.bucket - 1)![row.channel] = row.n;
  return byYear;
}

/** Contacts per calendar year and the share of each channel, the figures the city publishes yearly. */
export async function contactsPerYear(
  sql: Sql,
  years: { fromYear: number; toYear: number },
  unitCode: string | null,
  closed: { cache: ClosedYearCounts; currentYear: number },
): Promise<ContactsPerYear> {
  const counts = new Map<number, ChannelCounts>();
  const missing: number[] = [];
  for (let year = years.fromYear; year <= years.toYear; year += 1) {
    const cached = year < closed.currentYear ? closed.cache.get(year, unitCode) : undefined;
    if (cached) counts.set(year, cached);
    else missing.push(year);
  }
  if (missing.length) {
    const fresh = await countContacts(sql, Math.min(...missing), Math.max(...missing), unitCode);
    for (const [year, ofYear] of fresh) {
      counts.set(year, ofYear);
      if (year < closed.currentYear) closed.cache.set(year, unitCode, ofYear);
    }
  }
  const result: ContactsPerYear['years'] = [];
  for (let year = years.fromYear; year <= years.toYear; year += 1) {
    const ofYear = counts.get(year) ?? {};
    const total = CHANNELS.reduce((sum, channel) => sum + (ofYear[channel] ?? 0), 0);
    result.push({
      year,
      total,
      byChannel: CHANNELS.map((channel) => {
        const count = ofYear[channel] ?? 0;
        return { channel, count, share: total === 0 ? 0 : count / total };
      }),
    });
  }
  return { ...years, unitCode, channels: [...CHANNELS], years: result };
}

/** Count, mean and the 1–5 distribution of a set of ratings given as counts per score. */
function ratingFigures(countsByScore: Map<number, number>): RatingFigures {
  const distribution = [1, 2, 3, 4, 5].map((score) => ({ score, count: countsByScore.get(score) ?? 0 }));
  const count = distribution.reduce((sum, d) => sum + d.count, 0);
  const sum = distribution.reduce((total, d) => total + d.score * d.count, 0);
  return { count, average: count === 0 ? null : sum / count, distribution };
}

/**
 * Residents' ratings given in the period: overall, per unit and per event. A rating counts for the
 * unit and event its case had when the resident rated it (copied into the rating then).
 */
export async function residentRatings(
  sql: Sql,
  period: { from: string; to: string },
  unitCode: string | null,
): Promise<Ratings> {
  const unit = unitCode ? { sql: ' and r.unit_code = ?', params: [unitCode] } : { sql: '', params: [] };
  const rows = await sql.execute<
    {
      unit_code: string | null;
      unit_name: string | null;
      event_code: string | null;
      score: number;
      n: number;
    }[]
  >(
    `select r.unit_code, u.name as unit_name, r.event_code, r.score, count(*)::int as n
       from case_ratings r left join units u on u.code = r.unit_code
      where ${withinDays('r.rated_at')}${unit.sql}
      group by r.unit_code, u.name, r.event_code, r.score`,
    [period.from, period.to, ...unit.params],
  );
  const add = (counts: Map<number, number>, score: number, n: number) =>
    counts.set(score, (counts.get(score) ?? 0) + n);
  const total = new Map<number, number>();
  const byUnit = new Map<string | null, { name: string | null; counts: Map<number, number> }>();
  const byEvent = new Map<string | null, Map<number, number>>();
  for (const row of rows) {
    add(total, row.score, row.n);
    const ofUnit = byUnit.get(row.unit_code) ?? { name: row.unit_name, counts: new Map() };
    add(ofUnit.counts, row.score, row.n);
    byUnit.set(row.unit_code, ofUnit);
    const ofEvent = byEvent.get(row.event_code) ?? new Map<number, number>();
    add(ofEvent, row.score, row.n);
    byEvent.set(row.event_code, ofEvent);
  }
  return {
    ...period,
    unitCode,
    total: ratingFigures(total),
    units: [...byUnit.entries()]
      .sort((a, b) => nullsLast(a[0], b[0]))
      .map(([code, { name, counts }]) => ({ unitCode: code, unitName: name, ...ratingFigures(counts) })),
    events: [...byEvent.entries()]
      .map(([code, counts]) => ({ eventCode: code, ...ratingFigures(counts) }))
      .sort((a, b) => b.count - a.count || nullsLast(a.eventCode, b.eventCode)),
  };
}
