import rateLimit from '@fastify/rate-limit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { availableSlots } from '../../activities/bookings/booking-store';
import { verifyBookingToken } from '../../activities/bookings/booking-token';
import { Booking, BookingOffice, BookingOfficeService, BookingService } from '../../db/entities';
import { fromWeeklyHours } from '../../domain/bookings/opening-hours';
import { rangeProblems } from '../../domain/bookings/slots';
import { AppError } from '../../domain/errors';
import type { BookingActionRequest } from '../../workflows/booking.messages';
import type { AppDeps } from '../app';
import { idempotencyHeaders } from '../public-cases/public-cases.schemas';
import {
  bookingTokenQuery,
  cancelBookingBody,
  createBookingBody,
  createdBooking,
  officesQuery,
  publicBooking,
  publicOffice,
  publicService,
  referenceParams,
  rescheduleBookingBody,
  slotRecord,
  slotsQuery,
} from './bookings.schemas';
import { createBooking } from './create-booking';
import { changeBooking, rescheduleRequest } from './change-booking';

const RESIDENT = { id: 'resident', role: 'RESIDENT' } as const;

/** A booking as its resident sees it. */
export async function publicBookingView(em: EntityManager, row: Booking) {
  const [office, service] = await Promise.all([
    em.findOneOrFail(BookingOffice, { id: row.officeId }),
    em.findOneOrFail(BookingService, { id: row.serviceId }),
  ]);
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    service: {
      code: service.code,
      namePl: service.namePl,
      nameEn: service.nameEn,
      durationMinutes: service.durationMinutes,
    },
    office: { id: office.id, name: office.name, address: office.address },
    slotStart: row.slotStart.toISOString(),
    slotEnd: row.slotEnd.toISOString(),
    heldUntil: row.status === 'HELD' ? (row.heldUntil?.toISOString() ?? null) : null,
    language: row.language,
    createdAt: row.createdAt.toISOString(),
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    rescheduleCount: row.rescheduleCount,
    links: { self: `/api/v1/bookings/${row.reference}` },
  };
}

/**
 * The residents' booking API: what can be booked where and when, booking a visit, and viewing,
 * confirming, cancelling or moving it with the token given at booking.
 */
export const bookingRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  await app.register(rateLimit, { global: false });
  const bookingLimit = { rateLimit: { max: deps.config.rateLimits.intakePerMinute, timeWindow: '1 minute' } };
  const readLimit = { rateLimit: { max: deps.config.rateLimits.trackingPerMinute, timeWindow: '1 minute' } };
  const tags = ['bookings'];

  /** The booking a reference and token name; one answer for "no such booking" and "wrong token". */
  async function bookingByToken(em: EntityManager, reference: string, token: string): Promise<Booking> {
    const row = await em.findOne(Booking, { reference });
    if (!row || !verifyBookingToken(row.tokenHash, token)) {
      throw new AppError('NOT_FOUND', `No booking ${reference} with this token`);
    }
    return row;
  }

  async function act(
    reference: string,
    token: string,
    request: BookingActionRequest | ((em: EntityManager, row: Booking) => Promise<BookingActionRequest>),
  ) {
    const em = deps.orm.em.fork() as EntityManager;
    const row = await bookingByToken(em, reference, token);
    await changeBooking(deps.temporal, row, typeof request === 'function' ? await request(em, row) : request);
    return publicBookingView(em, await em.findOneOrFail(Booking, { id: row.id }, { refresh: true }));
  }

  app.get(
    '/bookings/services',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'Services residents can book a visit for',
        response: { 200: publicService.array() },
      },
    },
    async () => {
      const em = deps.orm.em.fork() as EntityManager;
      const rows = await em.execute<
        { code: string; name_pl: string; name_en: string; duration_minutes: number; office_ids: number[] }[]
      >(
        `select s.code, s.name_pl, s.name_en, s.duration_minutes,
                array_agg(o.id order by o.name) as office_ids
           from booking_services s
           join booking_office_services os on os.service_id = s.id
           join booking_offices o on o.id = os.office_id and o.active
          where s.active
          group by s.id
          order by s.name_pl`,
      );
      return rows.map((r) => ({
        code: r.code,
        namePl: r.name_pl,
        nameEn: r.name_en,
        durationMinutes: r.duration_minutes,
        officeIds: r.office_ids.map(Number),
      }));
    },
  );

  app.get(
    '/bookings/offices',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'Offices that take bookings, with their opening hours',
        querystring: officesQuery,
        response: { 200: publicOffice.array() },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const services = await em.find(BookingService, { active: true });
      const links = await em.find(BookingOfficeService, { serviceId: { $in: services.map((s) => s.id) } });
      const wanted = request.query.service
        ? services.find((s) => s.code === request.query.service)
        : undefined;
      if (request.query.service && !wanted) {
        throw new AppError('VALIDATION_FAILED', `No service ${request.query.service}`, {
          fields: [{ field: 'query.service', message: 'unknown or inactive service' }],
        });
      }
      const officeIds = links.filter((l) => !wanted || l.serviceId === wanted.id).map((l) => l.officeId);
      const offices = await em.find(
        BookingOffice,
        { id: { $in: officeIds }, active: true },
        { orderBy: { name: 'asc' } },
      );
      return offices.map((office) => ({
        id: office.id,
        code: office.code,
        name: office.name,
        address: office.address,
        district: office.district ?? null,
        openingHours: fromWeeklyHours(office.openingHours),
        closedOnPublicHolidays: office.observesPublicHolidays,
        services: links
          .filter((l) => l.officeId === office.id)
          .map((l) => ({ code: services.find((s) => s.id === l.serviceId)!.code, desks: l.desks })),
      }));
    },
  );

  app.get(
    '/bookings/slots',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'Free slots of a service in a date range (at most 31 days)',
        querystring: slotsQuery,
        response: { 200: slotRecord.array() },
      },
    },
    async (request) => {
      const { service: code, office, from, to } = request.query;
      const now = new Date();
      const problems = rangeProblems({ from, to }, now);
      if (problems.length > 0) {
        throw new AppError(
          'VALIDATION_FAILED',
          `Invalid query.${problems[0].field}: ${problems[0].message}`,
          {
            fields: problems.map((p) => ({ field: `query.${p.field}`, message: p.message })),
          },
        );
      }
      const em = deps.orm.em.fork() as EntityManager;
      const service = await em.findOne(BookingService, { code, active: true });
      if (!service) {
        throw new AppError('VALIDATION_FAILED', `No service ${code}`, {
          fields: [{ field: 'query.service', message: 'unknown or inactive service' }],
        });
      }
      const slots = await availableSlots(em, { serviceId: service.id, officeId: office, from, to, now });
      return slots.map((slot) => ({
        officeId: slot.officeId,
        start: slot.start.toISOString(),
        end: slot.end.toISOString(),
        date: slot.date,
        time: slot.time,
        freeDesks: slot.freeDesks,
      }));
    },
  );

  app.post(
    '/bookings',
    {
      config: bookingLimit,
      schema: {
        tags,
        summary: 'Book a visit (409 when the slot was just taken)',
        headers: idempotencyHeaders,
        body: createBookingBody,
        response: { 201: createdBooking },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await createBooking(
        deps,
        {
          serviceCode: body.service,
          officeId: body.officeId,
          slotStart: new Date(body.slotStart),
          contact: {
            name: body.contact.name,
            email: body.contact.email ?? null,
            phone: body.contact.phone ?? null,
          },
          language: body.language,
          channel: 'PORTAL',
          confirm: body.confirm,
        },
        { idempotencyKey: request.headers['idempotency-key'], hashOf: body },
      );
      if (!created.created) reply.header('idempotent-replayed', 'true');
      const view = await publicBookingView(deps.orm.em.fork() as EntityManager, created.row);
      return reply
        .status(201)
        .header('location', view.links.self)
        .send({ ...view, token: created.token });
    },
  );

  app.get(
    '/bookings/:reference',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'View a booking with its token',
        params: referenceParams,
        querystring: bookingTokenQuery,
        response: { 200: publicBooking },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      return publicBookingView(em, await bookingByToken(em, request.params.reference, request.query.token));
    },
  );

  app.post(
    '/bookings/:reference/confirm',
    {
      config: bookingLimit,
      schema: {
        tags,
        summary: 'Confirm a held slot before the hold runs out',
        params: referenceParams,
        querystring: bookingTokenQuery,
        response: { 200: publicBooking },
      },
    },
    async (request) =>
      act(request.params.reference, request.query.token, { action: 'confirm', actor: RESIDENT }),
  );

  app.post(
    '/bookings/:reference/cancel',
    {
      config: bookingLimit,
      schema: {
        tags,
        summary: 'Cancel a booking: the slot is free again at once',
        params: referenceParams,
        querystring: bookingTokenQuery,
        body: cancelBookingBody,
        response: { 200: publicBooking },
      },
    },
    async (request) =>
      act(request.params.reference, request.query.token, {
        action: 'cancel',
        actor: RESIDENT,
        reason: request.body?.reason ?? null,
      }),
  );

  app.post(
    '/bookings/:reference/reschedule',
    {
      config: bookingLimit,
      schema: {
        tags,
        summary: 'Move a booking to another free slot (409 when it was just taken)',
        params: referenceParams,
        querystring: bookingTokenQuery,
        body: rescheduleBookingBody,
        response: { 200: publicBooking },
      },
    },
    async (request) =>
      act(request.params.reference, request.query.token, (em, row) =>
        rescheduleRequest(em, row, request.body, RESIDENT),
      ),
  );
};
