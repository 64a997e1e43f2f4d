import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BOOKING_STATUSES } from '../../../domain/bookings/booking-states';
import { OFFICE_ACTIONS, STAFF_ACTIONS } from '../../../domain/bookings/office-actions';
import {
  cancelForResident,
  listBookings,
  loadBookingRecord,
  rescheduleForResident,
  runDeskAction,
} from '../../../services/bookings/back-office-bookings';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { databaseId, supportedDay } from '../../input-rules';
import { rescheduleBookingBody } from '../../bookings/bookings.schemas';
import { contentRange, listQuerySchema } from '../list-query';
import { bookingStatisticsRoutes } from './booking-statistics';

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
          officeId: databaseId.optional(),
          serviceId: databaseId.optional(),
          date: supportedDay.optional().describe('Local date in Warsaw'),
          status: z.union([z.enum(BOOKING_STATUSES), z.array(z.enum(BOOKING_STATUSES)).max(7)]).optional(),
          q: z.string().trim().max(100).optional(),
        }),
        response: { 200: z.array(backOfficeBooking) },
      },
    },
    async (request, reply) => {
      const { sort = ['slotStart', 'ASC'], range = [0, 99], filter = {} } = request.query;
      const { records, total } = await listBookings(deps, request.staff!.role, { sort, range, filter });
      reply.header('Content-Range', contentRange('bookings', range[0], records.length, total));
      return records;
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
    async (request) => loadBookingRecord(deps, request.params.id, request.staff!.role),
  );

  for (const action of STAFF_ACTIONS) {
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
      async (request) => runDeskAction(deps, request.staff!, request.params.id, action),
    );
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
    async (request) => cancelForResident(deps, request.staff!, request.params.id, request.body.reason),
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
    async (request) => rescheduleForResident(deps, request.staff!, request.params.id, request.body),
  );

  await app.register(bookingStatisticsRoutes(deps));
};
