import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BusinessHours, CalendarDay } from '../../db/entities';
import { AppError } from '../../domain/errors';
import {
  toWarsawWallClock,
  warsawWallClockToInstant,
  type IsoWeekday,
} from '../../domain/sla/business-calendar';
import type { CalendarDayKind } from '../../domain/sla/calendar-configuration';
import { polishHolidays } from '../../domain/sla/polish-holidays';
import { changedFields, recordConfigChange, type ConfigEditor } from './audit-trail';
import { filterWhere, fork, otherThan, type ConfigDeps } from './config-records';
import { configurationService } from './config-service';
import { conflict } from './refusals';

/**
 * The business calendar SLA deadlines are counted in: office hours per weekday, dated exceptions
 * (`calendar-days`) and the statutory holidays, which follow from the law and are only shown.
 * A change applies to SLA clocks started or resumed from then on; running clocks keep their deadlines.
 */

/** PostgreSQL's time type reads back as `HH:MM:SS`; the API speaks `HH:MM`. */
const hhmm = (value: string | null | undefined): string | null => (value ? value.slice(0, 5) : null);
const toDbTime = (value: string | null): string | null => (value ? `${value}:00` : null);

/** The hours of one weekday (1 = Monday), `HH:MM`; both null when the office is closed that day. */
export interface WeekdayHours {
  weekday: number;
  opens: string | null;
  closes: string | null;
}

const hoursRecord = (rows: BusinessHours[]) => ({
  hours: [...rows]
    .sort((a, b) => a.weekday - b.weekday)
    .map((row) => ({ weekday: row.weekday, opens: hhmm(row.opens), closes: hhmm(row.closes) })),
});

const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The week as audited fields, `monday.opens` … `sunday.closes`: a change names the very bound moved. */
const auditedHours = (hours: { weekday: number; opens?: string | null; closes?: string | null }[]) =>
  Object.fromEntries(
    hours.flatMap((row) => {
      const day = WEEKDAY_NAMES[row.weekday - 1] ?? String(row.weekday);
      return [
        [`${day}.opens`, hhmm(row.opens)],
        [`${day}.closes`, hhmm(row.closes)],
      ];
    }),
  );

/** Office hours per weekday (Europe/Warsaw). */
export async function businessHours({ orm }: ConfigDeps) {
  return hoursRecord(await fork(orm).find(BusinessHours, {}));
}

/**
 * Sets the office hours of all seven weekdays, with one audit row `business-hours/week` naming the
 * bounds that moved (none when nothing did).
 */
export async function setBusinessHours(deps: ConfigDeps, hours: WeekdayHours[], editor: ConfigEditor) {
  await fork(deps.orm).transactional(async (tx) => {
    // Locked, so two administrators saving at once each record what they really changed.
    const current = await tx.find(BusinessHours, {}, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const before = auditedHours(current);
    for (const row of hours) {
      await tx.execute(
        `insert into business_hours (weekday, opens, closes, updated_at) values (?, ?, ?, now())
         on conflict (weekday) do update
         set opens = excluded.opens, closes = excluded.closes, updated_at = now()`,
        [row.weekday, toDbTime(row.opens), toDbTime(row.closes)],
        'run',
      );
    }
    const changes = changedFields(before, { ...before, ...auditedHours(hours) });
    if (Object.keys(changes).length) {
      await recordConfigChange(tx, editor, {
        resource: 'business-hours',
        recordId: 'week',
        action: 'update',
        changes,
      });
    }
  });
  return businessHours(deps);
}

const isoWeekdayOf = (date: string): IsoWeekday =>
  // Noon is never in a DST gap, so the wall clock is that very date.
  toWarsawWallClock(warsawWallClockToInstant(date, '12:00')).isoWeekday;

/** Polish statutory holidays of a year, computed from the law, with their weekdays. */
export function statutoryHolidays(year: number) {
  return polishHolidays(year).map((holiday) => ({
    date: holiday.date,
    weekday: isoWeekdayOf(holiday.date),
    name: holiday.name,
    nameEn: holiday.nameEn,
  }));
}

export interface CalendarDayFields {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  kind: CalendarDayKind;
  name: string;
  opens: string | null;
  closes: string | null;
}

const auditedDay = (day: CalendarDay): CalendarDayFields => ({
  date: day.date,
  kind: day.kind,
  name: day.name,
  opens: hhmm(day.opens),
  closes: hhmm(day.closes),
});

/**
 * A CLOSED day on a statutory holiday changes nothing: refuse it, so the list holds only what the
 * city itself decided.
 */
function closedHoliday(day: { date?: string; kind?: string }): AppError | null {
  if (day.kind !== 'CLOSED' || !day.date) return null;
  const holiday = polishHolidays(Number(day.date.slice(0, 4))).find((h) => h.date === day.date);
  if (!holiday) return null;
  return new AppError('UNPROCESSABLE', `date: ${day.date} is a statutory holiday already (${holiday.name})`, {
    fields: [{ field: 'date', message: `is a statutory holiday already (${holiday.name})` }],
  });
}

const duplicateDate = (date: string) => `${date} has an entry already: change that one`;

/** A CLOSED statutory holiday is 422; a date that has an entry other than `exceptId` is 409. */
async function refuseDay(em: EntityManager, day: CalendarDayFields, exceptId?: number) {
  const refusal = closedHoliday(day);
  if (refusal) return refusal;
  if (await em.count(CalendarDay, { date: day.date, ...otherThan(exceptId) })) {
    return conflict('date', duplicateDate(day.date));
  }
  return null;
}

const days = configurationService({
  entity: CalendarDay,
  resource: 'calendar-days',
  key: 'id',
  noun: 'calendar day',
  audited: auditedDay,
  present: (day) => ({
    id: day.id,
    ...auditedDay(day),
    createdAt: day.createdAt.toISOString(),
    updatedAt: day.updatedAt.toISOString(),
  }),
  page: { defaultSort: 'date' },
  where: ({ year, ...filter }) => {
    const where = filterWhere(filter, { search: ['name'] });
    if (year !== undefined) where.date = { $gte: `${String(year)}-01-01`, $lte: `${String(year)}-12-31` };
    return where;
  },
  refusal: refuseDay,
  refusals: (day) => ({ unique: { field: 'date', message: duplicateDate(day.date) } }),
  stored: (day) => ({ ...day, opens: toDbTime(day.opens), closes: toDbTime(day.closes) }),
});

/**
 * Days the office closes or opens unlike its weekly hours, one entry per date. A CLOSED holiday is
 * refused before the day to change is looked up: the body alone decides it.
 */
export const calendarDays: typeof days = {
  ...days,
  update: async (deps, change, editor) => {
    const refusal = closedHoliday(change.body);
    if (refusal) throw refusal;
    return days.update(deps, change, editor);
  },
};
