/**
 * An office's opening hours: stored as the business calendar's `WeeklyHours` (keyed by ISO weekday,
 * local Europe/Warsaw wall-clock times), exchanged over the API as a flat list of intervals, which
 * forms edit more easily. Pure: no clock, no I/O.
 */
import type { OfficeInterval, WeeklyHours } from '../sla/business-calendar';
import type { IsoWeekday } from '../sla/warsaw-time';
import type { FieldProblem } from '../errors';

export interface OpeningInterval {
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: IsoWeekday;
  /** Local time `HH:MM`. */
  start: string;
  /** Local time `HH:MM`, after `start`; `24:00` closes at midnight. */
  end: string;
}

/** An interval as it arrives, before its weekday is known to be one. */
export interface OpeningIntervalInput {
  weekday: number;
  /** Local time `HH:MM`. */
  start: string;
  /** Local time `HH:MM`, after `start`; `24:00` closes at midnight. */
  end: string;
}

const HH_MM = /^(\d{2}):(\d{2})$/;

/** Minutes after local midnight, or null when `time` is not `HH:MM` from 00:00 to 24:00. */
export function minutesOfDay(time: string): number | null {
  const match = HH_MM.exec(time);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

/** Every problem of a list of opening intervals, each naming the entry (`openingHours.2.end`). */
export function openingHoursProblems(
  intervals: readonly OpeningIntervalInput[],
  field = 'openingHours',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byWeekday = new Map<number, { index: number; start: number; end: number }[]>();
  intervals.forEach((interval, index) => {
    const start = minutesOfDay(interval.start);
    const end = minutesOfDay(interval.end);
    if (!Number.isInteger(interval.weekday) || interval.weekday < 1 || interval.weekday > 7) {
      problems.push({
        field: `${field}.${index}.weekday`,
        message: 'must be an ISO weekday from 1 (Monday) to 7',
      });
      return;
    }
    if (start === null || start >= 24 * 60) {
      problems.push({ field: `${field}.${index}.start`, message: 'must be a time from 00:00 to 23:59' });
      return;
    }
    if (end === null) {
      problems.push({ field: `${field}.${index}.end`, message: 'must be a time from 00:01 to 24:00' });
      return;
    }
    if (end <= start) {
      problems.push({ field: `${field}.${index}.end`, message: 'must be after the start' });
      return;
    }
    const day = byWeekday.get(interval.weekday) ?? [];
    day.push({ index, start, end });
    byWeekday.set(interval.weekday, day);
  });
  for (const day of byWeekday.values()) {
    day.sort((a, b) => a.start - b.start);
    for (let i = 1; i < day.length; i++) {
      if (day[i].start < day[i - 1].end) {
        problems.push({
          field: `${field}.${day[i].index}.start`,
          message: 'overlaps another interval of the same day',
        });
      }
    }
  }
  return problems;
}

/** The stored form; intervals of a day sorted by start. Assumes `openingHoursProblems` found nothing. */
export function toWeeklyHours(intervals: readonly OpeningIntervalInput[]): WeeklyHours {
  const hours: Partial<Record<IsoWeekday, OfficeInterval[]>> = {};
  for (const { weekday, start, end } of intervals) (hours[weekday as IsoWeekday] ??= []).push({ start, end });
  for (const day of Object.values(hours)) day.sort((a, b) => (a.start < b.start ? -1 : 1));
  return hours;
}

/** The API's form, by weekday then start. JSON keys arrive as strings: `"1"` is Monday. */
export function fromWeeklyHours(hours: WeeklyHours): OpeningInterval[] {
  const intervals: OpeningInterval[] = [];
  for (const [key, day] of Object.entries(hours) as [string, readonly OfficeInterval[] | undefined][]) {
    const weekday = Number(key) as IsoWeekday;
    for (const { start, end } of day ?? []) intervals.push({ weekday, start, end });
  }
  return intervals.sort((a, b) => a.weekday - b.weekday || (a.start < b.start ? -1 : 1));
}
