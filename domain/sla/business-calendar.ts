/**
 * Business-calendar math in the Europe/Warsaw time zone: when does a given amount of working time run
 * out, and how much working time lies between two instants. Pure: no clock, no I/O, no libraries.
 *
 * Working time is real elapsed time inside the office intervals. Office hours are written in local
 * wall-clock time (08:00-16:00 means 08:00 in Warsaw in winter and in summer), so the UTC instants
 * move with DST while an ordinary working day stays 480 minutes long. An interval that spans a DST
 * change counts the minutes that really elapse: 00:00-24:00 on the last Sunday of March is 23 hours.
 *
 * Local times that do not exist or exist twice are resolved like Temporal's `disambiguation:
 * 'compatible'` (and like `java.time`, `Date` in most engines):
 * - the skipped hour (last Sunday of March, 02:00-03:00 does not exist): a wall-clock time in the gap
 *   is read with the offset in force before the change, so it lands after the gap by the gap's
 *   length: 02:30 becomes 03:30 CEST (01:30Z). An office opening at 02:30 that day opens at 03:30.
 * - the repeated hour (last Sunday of October, 02:00-03:00 happens twice): the earlier occurrence
 *   wins (CEST), so 02:30 is 00:30Z, not 01:30Z. An office open 02:00-03:00 that day is open for
 *   both occurrences, 120 real minutes.
 *
 * Calendars are plain JSON-serialisable data so they can travel in workflow inputs and live in the
 * database; they are validated whenever they are used.
 */
import { polishHolidayDates } from './polish-holidays';

export const CALENDAR_TIME_ZONE = 'Europe/Warsaw';

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One opening interval in local wall-clock time, `HH:MM`; `end` may be `24:00` and must follow `start`. */
export interface OfficeInterval {
  readonly start: string;
  readonly end: string;
}

/** Office hours per ISO weekday; a missing or empty day is closed. Intervals may touch, not overlap. */
export type WeeklyHours = Readonly<Partial<Record<IsoWeekday, readonly OfficeInterval[]>>>;

/**
 * A local date with hours of its own, whatever its weekday or a holiday would say: a Saturday
 * worked in exchange for a bridge day, or a shortened day before Christmas.
 */
export interface SpecialOpeningDay {
  /** Local date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly intervals: readonly OfficeInterval[];
}

export interface HolidayRules {
  /** Close on Polish statutory days off (see polish-holidays.ts). */
  readonly polishPublicHolidays: boolean;
  /** Further closed local dates, `YYYY-MM-DD`: bridge days, a day off in lieu of a Saturday holiday. */
  readonly extraClosedDates: readonly string[];
  /** Dates open with their own hours; absent in calendars written before such days existed. */
  readonly specialOpeningDays?: readonly SpecialOpeningDay[];
}

export interface AlwaysCalendar {
  readonly kind: 'ALWAYS';
}

export interface BusinessCalendar {
  readonly kind: 'BUSINESS';
  readonly hours: WeeklyHours;
  readonly holidays: HolidayRules;
}

/** `ALWAYS` counts every real minute (24/7 policies); `BUSINESS` counts office hours only. */
export type SlaCalendar = AlwaysCalendar | BusinessCalendar;

export const ALWAYS_CALENDAR: AlwaysCalendar = { kind: 'ALWAYS' };

const WORKDAY: readonly OfficeInterval[] = [{ start: '08:00', end: '16:00' }];

/** Monday to Friday, 08:00-16:00: the usual hours of a Polish city office. */
export const DEFAULT_WEEKLY_HOURS: WeeklyHours = {
  1: WORKDAY,
  2: WORKDAY,
  3: WORKDAY,
  4: WORKDAY,
  5: WORKDAY,
};

export function defaultBusinessCalendar(
  options: {
    hours?: WeeklyHours;
    extraClosedDates?: readonly string[];
    specialOpeningDays?: readonly SpecialOpeningDay[];
    polishPublicHolidays?: boolean;
  } = {},
): BusinessCalendar {
  return {
    kind: 'BUSINESS',
    hours: options.hours ?? DEFAULT_WEEKLY_HOURS,
    holidays: {
      polishPublicHolidays: options.polishPublicHolidays ?? true,
      extraClosedDates: options.extraClosedDates ?? [],
      specialOpeningDays: options.specialOpeningDays ?? [],
    },
  };
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// A calendar with office hours can still be closed for a long stretch (a long list of extra closed
// dates); past ten years without one opening it is surely misconfigured, and looping on would hang.
const MAX_CLOSED_DAYS = 3_660;

// ---------------------------------------------------------------------------------------------------
// Time zone conversion
// ---------------------------------------------------------------------------------------------------

let warsawFormatter: Intl.DateTimeFormat | undefined;

// Building a DateTimeFormat is far costlier than using one, and the math below formats thousands of
// instants for a long target; one shared instance is safe because formatting has no state.
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
function wallClockToUtcMs(localMs: number): number {
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

function isoDateOfUtcFields(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight of a `YYYY-MM-DD` date written as if it were UTC; throws on impossible dates. */
function dateToLocalMs(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`expected a date as YYYY-MM-DD, got '${date}'`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (isoDateOfUtcFields(ms) !== date) throw new RangeError(`no such date: '${date}'`);
  return ms;
}

const HH_MM = /^(\d{2}):(\d{2})$/;

/** Minutes after local midnight for `HH:MM`; `24:00` (closing at midnight) is 1440. */
function parseTime(time: string): number {
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

function isoWeekdayOf(localMs: number): IsoWeekday {
  const day = new Date(localMs).getUTCDay();
  return (day === 0 ? 7 : day) as IsoWeekday;
}

function localDateOf(utcMs: number): string {
  return isoDateOfUtcFields(utcMs + offsetMsAt(utcMs));
}

// ---------------------------------------------------------------------------------------------------
// Compiled calendar
// ---------------------------------------------------------------------------------------------------

type MinuteInterval = readonly [number, number];

interface CompiledCalendar {
  /** Opening intervals per ISO weekday as [start, end) minutes after local midnight, sorted. */
  readonly minutesByWeekday: ReadonlyMap<IsoWeekday, readonly MinuteInterval[]>;
  readonly extraClosed: ReadonlySet<string>;
  /** Special opening days by local date, in the same form as the weekly intervals. */
  readonly specialOpenings: ReadonlyMap<string, readonly MinuteInterval[]>;
  readonly polishPublicHolidays: boolean;
}

const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Sorted [start, end) minutes of a day's intervals; `owner` names the day in error messages. */
function compileIntervals(intervals: readonly OfficeInterval[], owner: string): MinuteInterval[] {
  const minutes = intervals
    .map((interval) => {
      const start = parseTime(interval.start);
      const end = parseTime(interval.end);
      if (end <= start) {
        throw new RangeError(
          `office interval must end after it starts, got ${interval.start}-${interval.end}`,
        );
      }
      return [start, end] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < minutes.length; i++) {
    if (minutes[i][0] < minutes[i - 1][1]) throw new RangeError(`office intervals of ${owner} overlap`);
  }
  return minutes;
}

function compile(calendar: BusinessCalendar): CompiledCalendar {
  const minutesByWeekday = new Map<IsoWeekday, MinuteInterval[]>();
  for (const key of Object.keys(calendar.hours)) {
    if (!WEEKDAYS.includes(Number(key) as IsoWeekday)) {
      throw new RangeError(`office hours are keyed by ISO weekday 1-7, got '${key}'`);
    }
  }
  for (const weekday of WEEKDAYS) {
    const intervals = compileIntervals(calendar.hours[weekday] ?? [], `ISO weekday ${weekday}`);
    if (intervals.length > 0) minutesByWeekday.set(weekday, intervals);
  }
  if (minutesByWeekday.size === 0) throw new RangeError('a business calendar needs some office hours');
  for (const date of calendar.holidays.extraClosedDates) dateToLocalMs(date);
  const extraClosed = new Set(calendar.holidays.extraClosedDates);
  const specialOpenings = new Map<string, MinuteInterval[]>();
  for (const day of calendar.holidays.specialOpeningDays ?? []) {
    dateToLocalMs(day.date);
    // One date cannot be both closed and open; which one wins would be a guess.
    if (extraClosed.has(day.date)) throw new RangeError(`${day.date} is both closed and open`);
    if (specialOpenings.has(day.date)) throw new RangeError(`${day.date} has two special openings`);
    const intervals = compileIntervals(day.intervals, day.date);
    if (intervals.length === 0) throw new RangeError(`the special opening on ${day.date} has no hours`);
    specialOpenings.set(day.date, intervals);
  }
  return {
    minutesByWeekday,
    extraClosed,
    specialOpenings,
    polishPublicHolidays: calendar.holidays.polishPublicHolidays,
  };
}

/** Throws a RangeError naming the first problem if `calendar` cannot be used. */
export function assertValidCalendar(calendar: SlaCalendar): void {
  if (calendar.kind === 'BUSINESS') compile(calendar);
}

function isClosedDate(compiled: CompiledCalendar, date: string): boolean {
  if (compiled.extraClosed.has(date)) return true;
  return compiled.polishPublicHolidays && polishHolidayDates(Number(date.slice(0, 4))).has(date);
}

/**
 * The office intervals of one local date as UTC [start, end) milliseconds, empty when closed. A
 * special opening wins over the weekday and over a statutory holiday: it is the one rule written
 * for that very date.
 */
function openIntervalsOn(compiled: CompiledCalendar, date: string): [number, number][] {
  const special = compiled.specialOpenings.get(date);
  if (!special && isClosedDate(compiled, date)) return [];
  const midnightMs = dateToLocalMs(date);
  const intervals: [number, number][] = [];
  for (const [start, end] of special ?? compiled.minutesByWeekday.get(isoWeekdayOf(midnightMs)) ?? []) {
    const startMs = wallClockToUtcMs(midnightMs + start * MINUTE_MS);
    const endMs = wallClockToUtcMs(midnightMs + end * MINUTE_MS);
    // An interval lying wholly in the skipped hour has no real time in it; drop it so that nothing
    // is ever due inside it.
    if (endMs > startMs) intervals.push([startMs, endMs]);
  }
  return intervals;
}

function nextDate(date: string): string {
  return isoDateOfUtcFields(dateToLocalMs(date) + DAY_MS);
}

function toMs(minutes: number, label: string): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`${label} must be a finite number of minutes >= 0, got ${minutes}`);
  }
  // Percent targets give fractional minutes (75% of 45 = 33.75); whole milliseconds avoid float dust.
  return Math.round(minutes * MINUTE_MS);
}

function assertInstant(instant: Date, label: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${label} is an invalid Date`);
  return ms;
}

// ---------------------------------------------------------------------------------------------------
// Working-time math
// ---------------------------------------------------------------------------------------------------

/**
 * The instant at which `minutes` of working time have elapsed after `start`. Outside office hours
 * counting begins at the next opening, so 0 minutes gives `start` when the office is open and the
 * next opening otherwise. A target that uses up a day exactly is due at that day's closing time,
 * not at the next opening. Fractional minutes are allowed; the result is rounded to the millisecond.
 */
export function addWorkingMinutes(start: Date, minutes: number, calendar: SlaCalendar): Date {
  const startMs = assertInstant(start, 'start');
  let remainingMs = toMs(minutes, 'minutes');
  if (calendar.kind === 'ALWAYS') return new Date(startMs + remainingMs);

  const compiled = compile(calendar);
  let date = localDateOf(startMs);
  let closedDays = 0;
  for (;;) {
    const intervals = openIntervalsOn(compiled, date);
    for (const [openMs, closeMs] of intervals) {
      if (closeMs <= startMs) continue;
      const fromMs = Math.max(openMs, startMs);
      const availableMs = closeMs - fromMs;
      if (remainingMs <= availableMs) return new Date(fromMs + remainingMs);
      remainingMs -= availableMs;
    }
    closedDays = intervals.length === 0 ? closedDays + 1 : 0;
    if (closedDays > MAX_CLOSED_DAYS) {
      throw new RangeError(`the business calendar stays closed for more than ${MAX_CLOSED_DAYS} days`);
    }
    date = nextDate(date);
  }
}

/**
 * Working minutes between two instants (fractional when the instants are not on whole minutes).
 * Antisymmetric: negative when `to` is before `from`, so "working minutes until the due date" turns
 * negative once a deadline has passed and tells by how much.
 */
export function workingMinutesBetween(from: Date, to: Date, calendar: SlaCalendar): number {
  const fromMs = assertInstant(from, 'from');
  const toMsValue = assertInstant(to, 'to');
  if (toMsValue < fromMs) return -workingMinutesBetween(to, from, calendar);
  if (calendar.kind === 'ALWAYS') return (toMsValue - fromMs) / MINUTE_MS;

  const compiled = compile(calendar);
  const lastDate = localDateOf(toMsValue);
  let totalMs = 0;
  // ISO dates compare correctly as strings.
  for (let date = localDateOf(fromMs); date <= lastDate; date = nextDate(date)) {
    for (const [openMs, closeMs] of openIntervalsOn(compiled, date)) {
      const overlapMs = Math.min(closeMs, toMsValue) - Math.max(openMs, fromMs);
      if (overlapMs > 0) totalMs += overlapMs;
    }
  }
  return totalMs / MINUTE_MS;
}

/** Whether working time is running at `instant` (an interval includes its opening, not its closing). */
export function isWorkingTime(instant: Date, calendar: SlaCalendar): boolean {
  const ms = assertInstant(instant, 'instant');
  if (calendar.kind === 'ALWAYS') return true;
  return openIntervalsOn(compile(calendar), localDateOf(ms)).some(
    ([openMs, closeMs]) => openMs <= ms && ms < closeMs,
  );
}
