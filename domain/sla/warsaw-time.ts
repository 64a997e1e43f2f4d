/**
 * Wall-clock time in Warsaw: what a clock on a Warsaw wall shows at an instant, and the instant a
 * local date and time stand for. Pure: the time zone rules come from Intl, no clock, no I/O.
 *
 * Local times that do not exist or exist twice are resolved like Temporal's `disambiguation:
 * 'compatible'` (and like `java.time`, `Date` in most engines):
 * - the skipped hour (last Sunday of March, 02:00-03:00 does not exist): a wall-clock time in the gap
 *   is read with the offset in force before the change, so it lands after the gap by the gap's
 *   length: 02:30 becomes 03:30 CEST (01:30Z). An office opening at 02:30 that day opens at 03:30.
 * - the repeated hour (last Sunday of October, 02:00-03:00 happens twice): the earlier occurrence
 *   wins (CEST), so 02:30 is 00:30Z, not 01:30Z. An office open 02:00-03:00 that day is open for
 *   both occurrences, 120 real minutes.
 */

export const CALENDAR_TIME_ZONE = 'Europe/Warsaw';

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

let warsawFormatter: Intl.DateTimeFormat | undefined;

// Building a DateTimeFormat is far costlier than using one, and the business-calendar math formats
// thousands of instants for a long target; one shared instance is safe because formatting has no state.
function formatter(): Intl.DateTimeFormat {
  warsawFormatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: CALENDAR_TIME_ZONE,
    // h23, not hour12: false: the latter prints midnight as 24 in some ICU versions.
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return warsawFormatter;
}

/** Warsaw's UTC offset at an instant, in milliseconds (3_600_000 for CET, 7_200_000 for CEST). */
function offsetMsAt(utcMs: number): number {
  // The formatter drops milliseconds, so compare against the instant truncated to its second.
  const wholeSecondMs = utcMs - (((utcMs % 1000) + 1000) % 1000);
  const fields: Record<string, number> = {};
  for (const part of formatter().formatToParts(new Date(wholeSecondMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wallClockAsUtc = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
  );
  return wallClockAsUtc - wholeSecondMs;
}

/**
 * The instant of a local wall-clock time: `localMs` is the wall clock written as if it were UTC.
 * Any DST change near `localMs` has the offset before it at `localMs - 1 day` and the one after it
 * at `localMs + 1 day` (changes are months apart), so those two offsets are the only candidates.
 */
export function wallClockToUtcMs(localMs: number): number {
  const offsetBefore = offsetMsAt(localMs - DAY_MS);
  const offsetAfter = offsetMsAt(localMs + DAY_MS);
  const valid = [offsetBefore, offsetAfter]
    .map((offset) => localMs - offset)
    .filter((utcMs) => offsetMsAt(utcMs) === localMs - utcMs);
  // Repeated hour: both candidates are valid, take the earlier instant (see the file comment).
  if (valid.length > 0) return Math.min(...valid);
  // Skipped hour: neither is valid; the offset before the gap pushes the time forward past the gap.
  return localMs - offsetBefore;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

export function isoDateOfUtcFields(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight of a `YYYY-MM-DD` date written as if it were UTC; throws on impossible dates. */
export function dateToLocalMs(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`expected a date as YYYY-MM-DD, got '${date}'`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (isoDateOfUtcFields(ms) !== date) throw new RangeError(`no such date: '${date}'`);
  return ms;
}

const HH_MM = /^(\d{2}):(\d{2})$/;

/** Minutes after local midnight for `HH:MM`; `24:00` (closing at midnight) is 1440. */
export function parseTime(time: string): number {
  const match = HH_MM.exec(time);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
    throw new RangeError(`expected a time as HH:MM from 00:00 to 24:00, got '${time}'`);
  }
  return hours * 60 + minutes;
}

export interface WarsawWallClock {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  /** Local time, `HH:MM` (seconds are dropped). */
  time: string;
  isoWeekday: IsoWeekday;
  /** Offset from UTC in minutes: 60 in winter (CET), 120 in summer (CEST). */
  offsetMinutes: number;
}

/** What a clock on a Warsaw wall shows at `instant`. */
export function toWarsawWallClock(instant: Date): WarsawWallClock {
  const utcMs = instant.getTime();
  const offsetMs = offsetMsAt(utcMs);
  const local = new Date(utcMs + offsetMs);
  return {
    date: isoDateOfUtcFields(local.getTime()),
    time: `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`,
    isoWeekday: isoWeekdayOf(local.getTime()),
    offsetMinutes: offsetMs / MINUTE_MS,
  };
}

/**
 * The instant a Warsaw wall clock shows `time` on `date`. A time in the skipped hour moves forward by
 * the gap (02:30 on the last Sunday of March is 03:30 CEST); in the repeated hour the earlier
 * occurrence wins (02:30 on the last Sunday of October is 02:30 CEST).
 */
export function warsawWallClockToInstant(date: string, time: string): Date {
  return new Date(wallClockToUtcMs(dateToLocalMs(date) + parseTime(time) * MINUTE_MS));
}

export function isoWeekdayOf(localMs: number): IsoWeekday {
  const day = new Date(localMs).getUTCDay();
  return (day === 0 ? 7 : day) as IsoWeekday;
}

export function localDateOf(utcMs: number): string {
  return isoDateOfUtcFields(utcMs + offsetMsAt(utcMs));
}

/** The local date after `date`. */
export function nextDate(date: string): string {
  return isoDateOfUtcFields(dateToLocalMs(date) + DAY_MS);
}
