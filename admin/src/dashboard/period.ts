export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Mirrors the API's limits (api/back-office/statistics), so the selector never offers a 422. */
export const MAX_DAYS_PER_BUCKET: Record<Bucket, number> = { day: 366, week: 3 * 366, month: 10 * 366 };

export const PRESETS = [
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'last_12_months',
  'this_year',
  'custom',
] as const;
export type Preset = (typeof PRESETS)[number];

export interface DashboardPeriod {
  preset: Preset;
  from: string;
  to: string;
  bucket: Bucket;
}

const DAY_MS = 86_400_000;

/** The city's day: statistics count days in Warsaw, wherever the browser is. */
export const cityToday = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(now);

export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export const daysIn = ({ from, to }: { from: string; to: string }) =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

export const allowedBuckets = (days: number): Bucket[] =>
  BUCKETS.filter((bucket) => days <= MAX_DAYS_PER_BUCKET[bucket]);

/** Days up to a month, weeks up to half a year, months beyond: charts of 7 to 31 bars. */
export function defaultBucket(days: number): Bucket {
  if (days <= 31) return 'day';
  if (days <= 183) return 'week';
  return 'month';
}

export function presetPeriod(preset: Exclude<Preset, 'custom'>, today = cityToday()): DashboardPeriod {
  const from = {
    last_7_days: () => addDays(today, -6),
    last_30_days: () => addDays(today, -29),
    last_90_days: () => addDays(today, -89),
    last_12_months: () => `${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}-01`,
    this_year: () => `${today.slice(0, 4)}-01-01`,
  }[preset]();
  return { preset, from, to: today, bucket: defaultBucket(daysIn({ from, to: today })) };
}

/** A custom period keeps its bucket while the API allows it, otherwise the nearest larger one. */
export function customPeriod(from: string, to: string, bucket: Bucket): DashboardPeriod {
  const allowed = allowedBuckets(daysIn({ from, to }));
  return {
    preset: 'custom',
    from,
    to,
    bucket: allowed.includes(bucket) ? bucket : (allowed[0] ?? 'month'),
  };
}

/** A stored preset period moves with the calendar: "last 30 days" tomorrow ends tomorrow. */
export const current = (period: DashboardPeriod): DashboardPeriod =>
  period.preset === 'custom' ? period : { ...presetPeriod(period.preset), bucket: period.bucket };
