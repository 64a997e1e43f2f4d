/**
 * Appointment slots of an office for one service. Pure: no clock (callers pass `now`), no I/O.
 *
 * Opening hours are local Europe/Warsaw wall-clock times, so a slot at 09:00 is 08:00Z in winter
 * and 07:00Z in summer. Inside an opening interval slots follow each other in real time, each
 * exactly the service's duration long: on the last Sunday of March an office open 00:00-06:00 has
 * five real hours of slots (the wall clock skips 02:00-03:00), on the last Sunday of October seven
 * (02:00-03:00 happens twice, each slot a distinct instant). A slot must end by the interval's end.
 *
 * A date is closed when the office has no hours that weekday, when it is a Polish statutory day
 * off (unless the office ignores them) or one of the office's blackout days.
 */
import type { FieldProblem } from '../errors';
import { isPolishHoliday } from '../sla/polish-holidays';
import type { WeeklyHours } from '../sla/business-calendar';
import { toWarsawWallClock, warsawWallClockToInstant, type IsoWeekday } from '../sla/warsaw-time';
import { minutesOfDay } from './opening-hours';

/** The longest range one availability request may ask for, in days (both ends included). */
export const MAX_RANGE_DAYS = 31;
/** How far ahead residents may book, in days from today (Warsaw). */
export const MAX_ADVANCE_DAYS = 92;

export interface SlotSchedule {
  hours: WeeklyHours;
  durationMinutes: number;
  /** False for an office that opens on statutory days off too. */
  observesPublicHolidays: boolean;
  /** Local dates, `YYYY-MM-DD`, on which the office is closed (inventory, a move, a strike). */
  blackoutDates: readonly string[];
}

export interface Slot {
  start: Date;
  end: Date;
  /** Local date and time of the start in Warsaw, as residents read it. */
  date: string;
  time: string;
}

export type ClosedReason = 'PUBLIC_HOLIDAY' | 'BLACKOUT' | 'CLOSED_WEEKDAY';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Whether `date` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(date: string): boolean {
  const match = ISO_DATE.exec(date);
  if (!match) return false;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === date;
}

/** Calendar arithmetic through UTC midnight, which has no DST. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function isoWeekdayOf(date: string): IsoWeekday {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (day === 0 ? 7 : day) as IsoWeekday;
}

/** Today's date on a Warsaw wall calendar. */
export function warsawToday(now: Date): string {
  return toWarsawWallClock(now).date;
}

/** Why the office takes no visits on `date`, or null when it is open. */
export function closedReason(date: string, schedule: SlotSchedule): ClosedReason | null {
  if (schedule.blackoutDates.includes(date)) return 'BLACKOUT';
  if (schedule.observesPublicHolidays && isPolishHoliday(date)) return 'PUBLIC_HOLIDAY';
  if ((schedule.hours[isoWeekdayOf(date)] ?? []).length === 0) return 'CLOSED_WEEKDAY';
  return null;
}

/** Every slot of one local date, in time order; none when the office is closed that day. */
export function slotsOnDate(date: string, schedule: SlotSchedule): Slot[] {
  if (!Number.isInteger(schedule.durationMinutes) || schedule.durationMinutes < 1) {
    throw new RangeError(`a service lasts a whole number of minutes >= 1, got ${schedule.durationMinutes}`);
  }
  if (closedReason(date, schedule)) return [];
  const durationMs = schedule.durationMinutes * MINUTE_MS;
  const intervals = [...(schedule.hours[isoWeekdayOf(date)] ?? [])].sort(
    (a, b) => (minutesOfDay(a.start) ?? 0) - (minutesOfDay(b.start) ?? 0),
  );
  const slots: Slot[] = [];
  for (const interval of intervals) {
    const openMs = warsawWallClockToInstant(date, interval.start).getTime();
    const closeMs = warsawWallClockToInstant(date, interval.end).getTime();
    for (let startMs = openMs; startMs + durationMs <= closeMs; startMs += durationMs) {
      const start = new Date(startMs);
      const local = toWarsawWallClock(start);
      slots.push({ start, end: new Date(startMs + durationMs), date: local.date, time: local.time });
    }
  }
  return slots;
}

/** Slots from `from` to `to` (local dates, both included) that start after `notBefore`. */
export function slotsBetween(
  range: { from: string; to: string },
  schedule: SlotSchedule,
  notBefore: Date,
): Slot[] {
  const slots: Slot[] = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
    for (const slot of slotsOnDate(date, schedule)) {
      if (slot.start.getTime() > notBefore.getTime()) slots.push(slot);
    }
  }
  return slots;
}

/** The slot that starts exactly at `start`, or null when the schedule has none there. */
export function slotStartingAt(start: Date, schedule: SlotSchedule): Slot | null {
  const date = toWarsawWallClock(start).date;
  return slotsOnDate(date, schedule).find((slot) => slot.start.getTime() === start.getTime()) ?? null;
}

/**
 * Problems of an availability range, each naming `from` or `to`: real dates, in order, at most
 * MAX_RANGE_DAYS long, not wholly past and not beyond MAX_ADVANCE_DAYS.
 */
export function rangeProblems(range: { from: string; to: string }, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isIsoDate(range.from)) problems.push({ field: 'from', message: 'must be a date as YYYY-MM-DD' });
  if (!isIsoDate(range.to)) problems.push({ field: 'to', message: 'must be a date as YYYY-MM-DD' });
  if (problems.length > 0) return problems;
  const today = warsawToday(now);
  const lastBookable = addDays(today, MAX_ADVANCE_DAYS);
  if (range.to < range.from) problems.push({ field: 'to', message: 'must not be before from' });
  else if (daysBetween(range.from, range.to) + 1 > MAX_RANGE_DAYS) {
    problems.push({ field: 'to', message: `the range may span at most ${MAX_RANGE_DAYS} days` });
  } else if (range.to < today) problems.push({ field: 'to', message: 'the range lies in the past' });
  else if (range.from > lastBookable) {
    problems.push({
      field: 'from',
      message: `bookings open ${MAX_ADVANCE_DAYS} days ahead, until ${lastBookable}`,
    });
  }
  return problems;
}

/** Whether a slot may be booked now: it has not started and lies within the booking horizon. */
export function slotBookingProblem(slot: Slot, now: Date): string | null {
  if (slot.start.getTime() <= now.getTime()) return 'the slot has already started';
  if (slot.date > addDays(warsawToday(now), MAX_ADVANCE_DAYS)) {
    return `bookings open ${MAX_ADVANCE_DAYS} days ahead`;
  }
  return null;
}
