/**
 * The business calendar as administrators keep it: at most one opening interval per weekday, and
 * dated exceptions (a bridge day the city closes, a Saturday it works). Statutory holidays are not
 * configured: they follow from the law (polish-holidays.ts). Pure: rows come in, a calendar goes out.
 */
import {
  type BusinessCalendar,
  DEFAULT_WEEKLY_HOURS,
  defaultBusinessCalendar,
  type IsoWeekday,
  type OfficeInterval,
  type WeeklyHours,
} from './business-calendar';

/** Office hours of one ISO weekday in local `HH:MM`; both null when the office is closed that day. */
export interface WeekdayHours {
  readonly weekday: IsoWeekday;
  readonly opens: string | null;
  readonly closes: string | null;
}

export const CALENDAR_DAY_KINDS = ['CLOSED', 'OPEN'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** A dated exception: `CLOSED` shuts a working day, `OPEN` opens the date with its own hours. */
export interface CalendarDay {
  /** Local date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly kind: CalendarDayKind;
  /** Only for `OPEN` days. */
  readonly opens?: string | null;
  readonly closes?: string | null;
}

export interface CalendarConfiguration {
  /** A weekday without a row is closed. */
  readonly weekdayHours: readonly WeekdayHours[];
  readonly days: readonly CalendarDay[];
}

/** The configured calendar; statutory holidays always close the office unless a date says `OPEN`. */
export function businessCalendarFrom(configuration: CalendarConfiguration): BusinessCalendar {
  const hours: Partial<Record<IsoWeekday, OfficeInterval[]>> = {};
  for (const row of configuration.weekdayHours) {
    if (hours[row.weekday]) throw new RangeError(`ISO weekday ${row.weekday} has two rows of hours`);
    hours[row.weekday] = intervalOf(row.opens, row.closes, `ISO weekday ${row.weekday}`);
  }
  return defaultBusinessCalendar({
    hours,
    polishPublicHolidays: true,
    extraClosedDates: configuration.days.filter((day) => day.kind === 'CLOSED').map((day) => day.date),
    specialOpeningDays: configuration.days
      .filter((day) => day.kind === 'OPEN')
      .map((day) => {
        const intervals = intervalOf(day.opens ?? null, day.closes ?? null, day.date);
        if (intervals.length === 0) throw new RangeError(`${day.date} is OPEN and needs its opening hours`);
        return { date: day.date, intervals };
      }),
  });
}

function intervalOf(opens: string | null, closes: string | null, owner: string): OfficeInterval[] {
  if (opens === null && closes === null) return [];
  if (opens === null || closes === null) {
    throw new RangeError(`${owner} needs both an opening and a closing time, or neither`);
  }
  return [{ start: opens, end: closes }];
}

/**
 * Weekly hours as configuration rows, one per weekday. Only hours with at most one interval a day
 * fit the configuration; the default ones do.
 */
export function weekdayHoursOf(hours: WeeklyHours): WeekdayHours[] {
  return ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => {
    const intervals = hours[weekday] ?? [];
    if (intervals.length > 1) throw new RangeError(`ISO weekday ${weekday} has more than one interval`);
    return { weekday, opens: intervals[0]?.start ?? null, closes: intervals[0]?.end ?? null };
  });
}

/** What the calendar was before administrators could change it, and what a new database starts with. */
export const DEFAULT_WEEKDAY_HOURS: readonly WeekdayHours[] = weekdayHoursOf(DEFAULT_WEEKLY_HOURS);
