import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BusinessHours, CalendarDay } from '../../../db/entities';
import { AppError } from '../../../domain/errors';
import {
  type IsoWeekday,
  toWarsawWallClock,
  warsawWallClockToInstant,
} from '../../../domain/sla/business-calendar';
import { polishHolidays } from '../../../domain/sla/polish-holidays';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { changedFields, conflict, pageOptions, recordConfigChange, refuseDuplicates } from '../configuration';
import { contentRange } from '../list-query';
import {
  businessHoursBody,
  businessHoursRecord,
  calendarDayBody,
  calendarDayIdParams,
  calendarDayListQuery,
  calendarDayRecord,
  holidayRecord,
  holidaysQuery,
} from './business-calendar.schemas';

/** PostgreSQL's time type reads back as `HH:MM:SS`; the API speaks `HH:MM`. */
const hhmm = (value: string | null | undefined): string | null => (value ? value.slice(0, 5) : null);
const toDbTime = (value: string | null): string | null => (value ? `${value}:00` : null);

const toHoursRecord = (rows: BusinessHours[]) => ({
  hours: [...rows]
    .sort((a, b) => a.weekday - b.weekday)
    .map((row) => ({ weekday: row.weekday, opens: hhmm(row.opens), closes: hhmm(row.closes) })),
});

const toDayRecord = (day: CalendarDay) => ({
  id: day.id,
  date: day.date,
  kind: day.kind,
  name: day.name,
  opens: hhmm(day.opens),
  closes: hhmm(day.closes),
  createdAt: day.createdAt.toISOString(),
  updatedAt: day.updatedAt.toISOString(),
});

const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The week as audited fields, `monday.opens` … `sunday.closes`: a change names the very bound moved. */
const auditableHours = (hours: { weekday: number; opens?: string | null; closes?: string | null }[]) =>
  Object.fromEntries(
    hours.flatMap((row) => {
      const day = WEEKDAY_NAMES[row.weekday - 1] ?? String(row.weekday);
      return [
        [`${day}.opens`, hhmm(row.opens)],
        [`${day}.closes`, hhmm(row.closes)],
      ];
    }),
  );

const auditableDay = (day: CalendarDay) => {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...fields } = toDayRecord(day);
  return fields;
};

const isoWeekdayOf = (date: string): IsoWeekday =>
  // Noon is never in a DST gap, so the wall clock is that very date.
  toWarsawWallClock(warsawWallClockToInstant(date, '12:00')).isoWeekday;

/**
 * A CLOSED day on a statutory holiday changes nothing: refuse it, so the list holds only what the
 * city itself decided.
 */
function refuseClosedHoliday(day: { date: string; kind: string }): void {
  if (day.kind !== 'CLOSED') return;
  const holiday = polishHolidays(Number(day.date.slice(0, 4))).find((h) => h.date === day.date);
  if (holiday) {
    throw new AppError(
      'UNPROCESSABLE',
      `date: ${day.date} is a statutory holiday already (${holiday.name})`,
      {
        fields: [{ field: 'date', message: `is a statutory holiday already (${holiday.name})` }],
      },
    );
  }
}

const duplicateDate = (date: string) => `${date} has an entry already: change that one`;

/**
 * The business calendar SLA deadlines are counted in: office hours per weekday, dated exceptions
 * (`calendar-days`) and the statutory holidays, which follow from the law and are only shown.
 * A change applies to SLA clocks started or resumed from then on; running clocks keep their deadlines.
 */
export const businessCalendarRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'MANAGER');
  const admin = requireRole(deps, 'ADMIN');
  const security = [{ bearerAuth: [] }];
  const tags = ['back office'];
  const config = { validationStatus: 422 as const };

  const findDay = async (em: EntityManager, id: number) => {
    const day = await em.findOne(CalendarDay, { id });
    if (!day) throw new AppError('NOT_FOUND', `No calendar day ${id}`);
    return day;
  };

  app.get(
    '/business-calendar/hours',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Office hours per weekday (Europe/Warsaw)',
        security,
        response: { 200: businessHoursRecord },
      },
    },
    async () => toHoursRecord(await deps.orm.em.fork().find(BusinessHours, {})),
  );

  app.put(
    '/business-calendar/hours',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Set the office hours of all seven weekdays (applies to SLA clocks started from now on)',
        security,
        body: businessHoursBody,
        response: { 200: businessHoursRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      await em.transactional(async (tx) => {
        // Locked, so two administrators saving at once each record what they really changed.
        const current = await tx.find(BusinessHours, {}, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const before = auditableHours(current);
        for (const row of request.body.hours) {
          await tx.execute(
            `insert into business_hours (weekday, opens, closes, updated_at) values (?, ?, ?, now())
             on conflict (weekday) do update
             set opens = excluded.opens, closes = excluded.closes, updated_at = now()`,
            [row.weekday, toDbTime(row.opens), toDbTime(row.closes)],
            'run',
          );
        }
        const changes = changedFields(before, { ...before, ...auditableHours(request.body.hours) });
        if (Object.keys(changes).length) {
          await recordConfigChange(tx, request, {
            resource: 'business-hours',
            recordId: 'week',
            action: 'update',
            changes,
          });
        }
      });
      return toHoursRecord(await deps.orm.em.fork().find(BusinessHours, {}));
    },
  );

  app.get(
    '/business-calendar/holidays',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Polish statutory holidays of a year (computed from the law, read-only)',
        security,
        querystring: holidaysQuery,
        response: { 200: z.array(holidayRecord) },
      },
    },
    async (request) =>
      polishHolidays(request.query.year).map((holiday) => ({
        date: holiday.date,
        weekday: isoWeekdayOf(holiday.date),
        name: holiday.name,
        nameEn: holiday.nameEn,
      })),
  );

  app.get(
    '/calendar-days',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Days the office closes or opens unlike its weekly hours',
        security,
        querystring: calendarDayListQuery,
        response: { 200: z.array(calendarDayRecord) },
      },
    },
    async (request, reply) => {
      const { filter = {} } = request.query;
      const where: Record<string, unknown> = {};
      if (filter.id) where.id = { $in: filter.id };
      if (filter.kind) where.kind = filter.kind;
      if (filter.year !== undefined) {
        where.date = { $gte: `${filter.year}-01-01`, $lte: `${filter.year}-12-31` };
      }
      if (filter.q) where.name = { $ilike: `%${filter.q}%` };
      const { from, options } = pageOptions(request.query, 'date');
      const [days, total] = await deps.orm.em.fork().findAndCount(CalendarDay, where, options);
      reply.header('Content-Range', contentRange('calendar-days', from, days.length, total));
      return days.map(toDayRecord);
    },
  );

  app.get(
    '/calendar-days/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One calendar day',
        security,
        params: calendarDayIdParams,
        response: { 200: calendarDayRecord },
      },
    },
    async (request) => toDayRecord(await findDay(deps.orm.em.fork() as EntityManager, request.params.id)),
  );

  app.post(
    '/calendar-days',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Close a working day or open a closed one (applies to SLA clocks started from now on)',
        security,
        body: calendarDayBody,
        response: { 201: calendarDayRecord },
      },
    },
    async (request, reply) => {
      const body = request.body;
      refuseClosedHoliday(body);
      const em = deps.orm.em.fork() as EntityManager;
      if (await em.count(CalendarDay, { date: body.date })) throw conflict('date', duplicateDate(body.date));
      const day = await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const created = tx.create(CalendarDay, {
              ...body,
              opens: toDbTime(body.opens),
              closes: toDbTime(body.closes),
            });
            await tx.flush();
            await recordConfigChange(tx, request, {
              resource: 'calendar-days',
              recordId: created.id,
              action: 'create',
              changes: changedFields({}, auditableDay(created)),
            });
            return created;
          }),
        'date',
        duplicateDate(body.date),
      );
      return reply.status(201).send(toDayRecord(day));
    },
  );

  app.put(
    '/calendar-days/:id',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Change a calendar day',
        security,
        params: calendarDayIdParams,
        body: calendarDayBody,
        response: { 200: calendarDayRecord },
      },
    },
    async (request) => {
      const body = request.body;
      refuseClosedHoliday(body);
      const em = deps.orm.em.fork() as EntityManager;
      const current = await findDay(em, request.params.id);
      if (await em.count(CalendarDay, { date: body.date, id: { $ne: current.id } })) {
        throw conflict('date', duplicateDate(body.date));
      }
      const before = auditableDay(current);
      const day = await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const row = await findDay(tx, current.id);
            tx.assign(row, { ...body, opens: toDbTime(body.opens), closes: toDbTime(body.closes) });
            await tx.flush();
            const changes = changedFields(before, auditableDay(row));
            if (Object.keys(changes).length) {
              await recordConfigChange(tx, request, {
                resource: 'calendar-days',
                recordId: row.id,
                action: 'update',
                changes,
              });
            }
            return row;
          }),
        'date',
        duplicateDate(body.date),
      );
      return toDayRecord(day);
    },
  );

  app.delete(
    '/calendar-days/:id',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Remove a calendar day (the weekly hours apply to that date again)',
        security,
        params: calendarDayIdParams,
        response: { 200: calendarDayRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      return em.transactional(async (tx) => {
        const day = await findDay(tx, request.params.id);
        await recordConfigChange(tx, request, {
          resource: 'calendar-days',
          recordId: day.id,
          action: 'delete',
          changes: changedFields(auditableDay(day), {}),
        });
        tx.remove(day);
        return toDayRecord(day);
      });
    },
  );
};
