import { AppError } from '../errors';

/** Days, weeks and months are counted in the city's time zone, as the city publishes its figures. */
export const CITY_TIME_ZONE = 'Europe/Warsaw';

export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** The longest period per bucket: enough points for a readable chart, and a bounded scan of cases. */
export const MAX_DAYS_PER_BUCKET: Record<Bucket, number> = { day: 366, week: 3 * 366, month: 10 * 366 };

export const VOLUME_DIMENSIONS = ['channel', 'kind', 'status', 'district', 'event', 'unit'] as const;
export type VolumeDimension = (typeof VOLUME_DIMENSIONS)[number];

const DAY_MS = 86_400_000;
const MAX_YEARS = 20;

export const cityToday = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE }).format(now);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export const badQuery = (field: string, message: string) =>
  new AppError('UNPROCESSABLE', `Invalid query.${field}: ${message}`, {
    fields: [{ field: `query.${field}`, message }],
  });

/** The period asked for, 30 days to today by default, refused when reversed or too long to chart. */
export function resolvePeriod(
  query: { from?: string; to?: string },
  bucket: Bucket = 'month',
  today = cityToday(),
): { from: string; to: string } {
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -29);
  if (from > to) throw badQuery('from', `${from} is after ${to}`);
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  const max = MAX_DAYS_PER_BUCKET[bucket];
  if (days > max) {
    throw badQuery(
      'to',
      `${days} days is longer than the ${max} days allowed per ${bucket}; pick a larger bucket`,
    );
  }
  return { from, to };
}

/** The calendar years asked for, the last five by default, at most MAX_YEARS at once. */
export function resolveYears(
  query: { fromYear?: number; toYear?: number },
  thisYear = Number(cityToday().slice(0, 4)),
): { fromYear: number; toYear: number } {
  const toYear = query.toYear ?? thisYear;
  const fromYear = query.fromYear ?? toYear - 4;
  if (fromYear > toYear) throw badQuery('fromYear', `${fromYear} is after ${toYear}`);
  if (toYear - fromYear + 1 > MAX_YEARS) throw badQuery('toYear', `at most ${MAX_YEARS} years at once`);
  return { fromYear, toYear };
}

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
