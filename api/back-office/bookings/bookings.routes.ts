import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BOOKING_STATUSES,
  bookingRefusal,
  type BookingStatus,
} from '../../../domain/bookings/booking-states';
import { addDays } from '../../../domain/bookings/slots';
import { toWarsawWallClock, warsawWallClockToInstant } from '../../../domain/sla/business-calendar';
import { AppError } from '../../../domain/errors';
import { Booking } from '../../../db/entities';
import type { BookingActionRequest, BookingActor } from '../../../workflows/booking.messages';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { rescheduleBookingBody } from '../../bookings/bookings.schemas';
import { changeBooking, rescheduleRequest } from '../../bookings/change-booking';
import { runBookingAction } from '../../bookings/run-booking-action';
import { contentRange, listQuerySchema } from '../list-query';
import { bookingConfigRoutes } from './booking-config.routes';
import { bookingStatisticsRoutes } from './booking-statistics';

const STAFF_ACTIONS = ['check-in', 'no-show'] as const;
type StaffAction = (typeof STAFF_ACTIONS)[number];
/** What a clerk may do to a visit: the desk's own actions, and the resident's on their behalf (a call to 19115). */
const OFFICE_ACTIONS = [...STAFF_ACTIONS, 'cancel', 'reschedule'] as const;

const clerkCancelBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, 'is required: say why, as the resident gave it')
      .max(1000)
      .describe('Why the visit is cancelled, as the resident gave it'),
  })
  .strict();

export const backOfficeBooking = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(BOOKING_STATUSES),
  officeId: z.number().int(),
  officeName: z.string(),
  serviceId: z.number().int(),
  serviceCode: z.string(),
  serviceName: z.string(),
  slotStart: z.string(),
  slotEnd: z.string(),
  date: z.string().describe('Local date of the visit in Warsaw'),
  time: z.string().describe('Local time of the visit in Warsaw'),
  desk: z.number().int(),
  contactName: z.string(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  language: z.string(),
  channel: z.string(),
  rescheduleCount: z.number().int(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  noShowAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** What the signed-in clerk can do now: `check-in`, `no-show`, `cancel`, `reschedule`. */
  availableActions: z.array(z.enum(OFFICE_ACTIONS)),
});

/** Raw queries return timestamps as PostgreSQL writes them: strings. */
interface BookingRow {
  id: string;
  reference: string;
  status: BookingStatus;
  office_id: number;
  office_name: string;
  service_id: number;
  service_code: string;
  service_name: string;
  slot_start: string;
  slot_end: string;
  desk: number;
  contact_name: string;
  contact_email: string | null;
  contact_phone: string | null;
  language: string;
  channel: string;
  reschedule_count: number;
  created_at: string;
  confirmed_at: string | null;
  checked_in_at: string | null;
  no_show_at: string | null;
  cancelled_at: string | null;
  completed_at: string | null;
}

const SELECT = `select b.*, o.name as office_name, s.code as service_code, s.name_pl as service_name
  from bookings b
  join booking_offices o on o.id = b.office_id
  join booking_services s on s.id = b.service_id`;

const SORT_COLUMNS: Record<string, string> = {
  slotStart: 'b.slot_start',
  createdAt: 'b.created_at',
  reference: 'b.reference',
  status: 'b.status',
};

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

/** A booking as the office sees it: local day and time of the visit, and what the clerk may do now. */
function toRecord(row: BookingRow, context: { now: Date; noShowGraceSeconds: number; mayAct: boolean }) {
  const start = new Date(row.slot_start);
  const local = toWarsawWallClock(start);
  const times = {
    status: row.status,
    slotStart: start.toISOString(),
    slotEnd: new Date(row.slot_end).toISOString(),
  };
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    officeId: row.office_id,
    officeName: row.office_name,
    serviceId: row.service_id,
    serviceCode: row.service_code,
    serviceName: row.service_name,
    slotStart: times.slotStart,
    slotEnd: times.slotEnd,
    date: local.date,
    time: local.time,
    desk: row.desk,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    language: row.language,
    channel: row.channel,
    rescheduleCount: row.reschedule_count,
    createdAt: new Date(row.created_at).toISOString(),
    confirmedAt: iso(row.confirmed_at),
    checkedInAt: iso(row.checked_in_at),
    noShowAt: iso(row.no_show_at),
    cancelledAt: iso(row.cancelled_at),
    completedAt: iso(row.completed_at),
    availableActions: context.mayAct
      ? OFFICE_ACTIONS.filter((action) => bookingRefusal(action, times, context) === null)
      : [],
  };
}

/**
 * The office's side of bookings: the day's visits per office, checking residents in and recording
 * no-shows (clerks and administrators), plus the offices' and services' configuration and the
 * statistics, registered from here.
 */
export const backOfficeBookingRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER');
  const clerks = requireRole(deps, 'ADMIN', 'CLERK');
  const security = [{ bearerAuth: [] }];
  const tags = ['back office'];
  const context = (role: string) => ({
    now: new Date(),
    noShowGraceSeconds: deps.config.bookings.noShowGraceSeconds,
    mayAct: role === 'ADMIN' || role === 'CLERK',
  });

  async function loadRecord(id: string, role: string) {
    const [row] = await deps.orm.em
      .fork()
      .getConnection()
      .execute<BookingRow[]>(`${SELECT} where b.id = ?`, [id]);
    if (!row) throw new AppError('NOT_FOUND', `No booking ${id}`);
    return toRecord(row, context(role));
  }

  app.get(
    '/bookings',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: "An office's visits (the day view): filter by office and local date",
        security,
        querystring: listQuerySchema(['slotStart', 'createdAt', 'reference', 'status'] as const, {
          id: z.array(z.uuid()).max(500).optional(),
          officeId: z.number().int().positive().optional(),
          serviceId: z.number().int().positive().optional(),
          date: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
            .optional()
            .describe('Local date in Warsaw'),
          status: z.union([z.enum(BOOKING_STATUSES), z.array(z.enum(BOOKING_STATUSES)).max(7)]).optional(),
          q: z.string().trim().max(100).optional(),
        }),
        response: { 200: z.array(backOfficeBooking) },
      },
    },
    async (request, reply) => {
      const { sort = ['slotStart', 'ASC'], range = [0, 99], filter = {} } = request.query;
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.id) {
        where.push(`b.id in (${filter.id.map(() => '?').join(', ') || 'null'})`);
        params.push(...filter.id);
      }
      if (filter.officeId) {
        where.push('b.office_id = ?');
        params.push(filter.officeId);
      }
      if (filter.serviceId) {
        where.push('b.service_id = ?');
        params.push(filter.serviceId);
      }
      if (filter.date) {
        where.push('b.slot_start >= ? and b.slot_start < ?');
        params.push(
          warsawWallClockToInstant(filter.date, '00:00'),
          warsawWallClockToInstant(addDays(filter.date, 1), '00:00'),
        );
      }
      if (filter.status) {
        const statuses = Array.isArray(filter.status) ? filter.status : [filter.status];
        where.push(`b.status in (${statuses.map(() => '?').join(', ') || 'null'})`);
        params.push(...statuses);
      }
      if (filter.q) {
        where.push('(b.reference ilike ? or b.contact_name ilike ?)');
        params.push(`%${filter.q}%`, `%${filter.q}%`);
      }
      const whereSql = where.length ? `where ${where.join(' and ')}` : '';
      const direction = sort[1] === 'ASC' ? 'asc' : 'desc';
      const connection = (deps.orm.em.fork() as EntityManager).getConnection();
      const [rows, [{ total }]] = await Promise.all([
        connection.execute<BookingRow[]>(
          `${SELECT} ${whereSql} order by ${SORT_COLUMNS[sort[0]]} ${direction}, b.desk asc, b.id asc limit ? offset ?`,
          [...params, range[1] - range[0] + 1, range[0]],
        ),
        connection.execute<{ total: string }[]>(
          `select count(*) as total from bookings b ${whereSql}`,
          params,
        ),
      ]);
      reply.header('Content-Range', contentRange('bookings', range[0], rows.length, Number(total)));
      const ctx = context(request.staff!.role);
      return rows.map((row) => toRecord(row, ctx));
    },
  );

  app.get(
    '/bookings/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One booking',
        security,
        params: z.object({ id: z.uuid() }),
        response: { 200: backOfficeBooking },
      },
    },
    async (request) => loadRecord(request.params.id, request.staff!.role),
  );

  for (const action of STAFF_ACTIONS satisfies readonly StaffAction[]) {
    app.post(
      `/bookings/:id/${action}`,
      {
        preHandler: clerks,
        schema: {
          tags,
          summary:
            action === 'check-in'
              ? 'The resident has come: check in'
              : 'The resident did not come (after the grace period)',
          security,
          params: z.object({ id: z.uuid() }),
          response: { 200: backOfficeBooking },
        },
      },
      async (request) => {
        const staff = request.staff!;
        const record = await loadRecord(request.params.id, staff.role);
        const refusal = bookingRefusal(action, record, context(staff.role));
        if (refusal) throw new AppError('INVALID_TRANSITION', refusal.message, { action });
        const actor = { id: staff.id, role: staff.role as 'ADMIN' | 'CLERK' };
        await runBookingAction(deps.temporal, record.id, { action, actor } as BookingActionRequest);
        return loadRecord(record.id, staff.role);
      },
    );
  }

  const actorOf = (staff: { id: string; role: string }): BookingActor => ({
    id: staff.id,
    role: staff.role as 'ADMIN' | 'CLERK',
  });

  async function bookingRow(em: EntityManager, id: string): Promise<Booking> {
    const row = await em.findOne(Booking, { id });
    if (!row) throw new AppError('NOT_FOUND', `No booking ${id}`);
    return row;
  }

  app.post(
    '/bookings/:id/cancel',
    {
      preHandler: clerks,
      schema: {
        tags,
        summary: "Cancel a visit on the resident's behalf: the slot is free again and the resident is mailed",
        security,
        params: z.object({ id: z.uuid() }),
        body: clerkCancelBody,
        response: { 200: backOfficeBooking },
      },
    },
    async (request) => {
      const staff = request.staff!;
      const row = await bookingRow(deps.orm.em.fork() as EntityManager, request.params.id);
      await changeBooking(deps.temporal, row, {
        action: 'cancel',
        actor: actorOf(staff),
        reason: request.body.reason,
      });
      return loadRecord(row.id, staff.role);
    },
  );

  app.post(
    '/bookings/:id/reschedule',
    {
      preHandler: clerks,
      schema: {
        tags,
        summary:
          "Move a visit to another free slot on the resident's behalf (409 SLOT_TAKEN when it was just taken)",
        security,
        params: z.object({ id: z.uuid() }),
        body: rescheduleBookingBody,
        response: { 200: backOfficeBooking },
      },
    },
    async (request) => {
      const staff = request.staff!;
      const em = deps.orm.em.fork() as EntityManager;
      const row = await bookingRow(em, request.params.id);
      await changeBooking(deps.temporal, row, await rescheduleRequest(em, row, request.body, actorOf(staff)));
      return loadRecord(row.id, staff.role);
    },
  );

  await app.register(bookingConfigRoutes(deps));
  await app.register(bookingStatisticsRoutes(deps));
};
