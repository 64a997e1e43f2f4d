/**
 * Business-calendar math in the Europe/Warsaw time zone: when does a given amount of working time run
 * out, and how much working time lies between two instants. Pure: no clock, no I/O, no libraries.
 *
 * Working time is real elapsed time inside the office intervals. Office hours are written in local
 * wall-clock time (08:00-16:00 means 08:00 in Warsaw in winter and in summer), so the UTC instants
 * move with DST while an ordinary working day stays 480 minutes long. An interval that spans a DST
 * change counts the minutes that really elapse: 00:00-24:00 on the last Sunday of March is 23 hours.
 * How a local time that does not exist (or exists twice) is read: `warsaw-time.ts`.
 *
 * Calendars are plain JSON-serialisable data so they can travel in workflow inputs and live in the
 * database; they are validated whenever they are used.
 */
import { polishHolidayDates } from './polish-holidays';
import {
  dateToLocalMs,
  isoWeekdayOf,
  localDateOf,
  MINUTE_MS,
  nextDate,
  parseTime,
  wallClockToUtcMs,
  type IsoWeekday,
} from './warsaw-time';

export {
  CALENDAR_TIME_ZONE,
  toWarsawWallClock,
  warsawWallClockToInstant,
  type IsoWeekday,
  type WarsawWallClock,
} from './warsaw-time';

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

// A calendar with office hours can still be closed for a long stretch (a long list of extra closed
// dates); past ten years without one opening it is surely misconfigured, and looping on would hang.
const MAX_CLOSED_DAYS = 3_660;

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
