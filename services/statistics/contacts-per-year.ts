import { CHANNELS, type Channel } from '../../domain/cases/case-states';
import type { ContactsPerYear } from './figures';
import { bucketStartsSql, cityMidnight, unitFilter, type Sql } from './statistics-sql';

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
  const years = `{${firstDays.join(',')}}`;
  const within = (column: string) =>
    `${column} >= ${cityMidnight('make_date(?::int, 1, 1)')} and ${column} < ${cityMidnight('make_date(?::int + 1, 1, 1)')}`;
  // Bookings count as contacts city-wide, as in the volumes (see BOOKING_DIMENSION_COLUMNS).
  const bookings = unitCode
    ? { sql: '', params: [] }
    : {
        sql: ` union all
           select width_bucket(b.created_at, ${bucketStartsSql}), b.channel, count(*)
             from bookings b
            where b.status <> 'EXPIRED' and ${within('b.created_at')}
            group by 1, 2`,
        params: [years, fromYear, toYear],
      };
  const counted = await sql.execute<{ bucket: number; channel: Channel; n: number }[]>(
    `select bucket, channel, sum(n)::int as n from (
       select width_bucket(c.created_at, ${bucketStartsSql}) as bucket, c.channel, count(*) as n
         from cases c
        where ${within('c.created_at')}${unit.sql}
        group by 1, 2${bookings.sql}
     ) counted
     group by 1, 2`,
    [years, fromYear, toYear, ...unit.params, ...bookings.params],
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
