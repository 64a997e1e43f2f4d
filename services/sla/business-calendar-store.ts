import type { Orm } from '../../db/orm';
import { ALWAYS_CALENDAR, type SlaCalendar, toWarsawWallClock } from '../../domain/sla/business-calendar';
import {
  businessCalendarFrom,
  type CalendarDay,
  type WeekdayHours,
} from '../../domain/sla/calendar-configuration';

/**
 * The calendar administrators configured, as it is now. Exceptions dated before `fromInstant`'s
 * local date cannot affect a deadline counted from it, so only later ones are read. Times are read
 * as text because `24:00:00` is a valid closing time and must stay `24:00`.
 */
export async function loadBusinessCalendar(orm: Orm, fromInstant: Date): Promise<SlaCalendar> {
  const connection = orm.em.fork().getConnection();
  const weekdayHours = await connection.execute<WeekdayHours[]>(
    `select weekday, left(opens::text, 5) as opens, left(closes::text, 5) as closes
     from business_hours order by weekday`,
  );
  const days = await connection.execute<CalendarDay[]>(
    `select to_char(date, 'YYYY-MM-DD') as date, kind,
            left(opens::text, 5) as opens, left(closes::text, 5) as closes
     from calendar_days where date >= ?::date order by date`,
    [toWarsawWallClock(fromInstant).date],
  );
  return businessCalendarFrom({ weekdayHours, days });
}

/** The calendar a policy counts on: round the clock, or the business calendar in force now. */
export async function calendarOf(orm: Orm, kind: string, fromInstant: Date): Promise<SlaCalendar> {
  return kind === 'ALWAYS' ? ALWAYS_CALENDAR : loadBusinessCalendar(orm, fromInstant);
}
