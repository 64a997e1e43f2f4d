import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  bookableServices,
  bookingOffices,
  bookVisit,
  cancelResidentBooking,
  confirmResidentBooking,
  freeSlots,
  rescheduleResidentBooking,
  residentBooking,
} from '../../services/bookings/public-bookings';
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

/**
 * The residents' booking API: what can be booked where and when, booking a visit, and viewing,
 * confirming, cancelling or moving it with the token given at booking.
 */
export const bookingRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  await app.register(rateLimit, { global: false });
  const bookingLimit = { rateLimit: { max: deps.config.rateLimits.intakePerMinute, timeWindow: '1 minute' } };
  const readLimit = { rateLimit: { max: deps.config.rateLimits.trackingPerMinute, timeWindow: '1 minute' } };
  const tags = ['bookings'];

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
    async () => bookableServices(deps.orm),
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
    async (request) => bookingOffices(deps.orm, request.query.service),
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
    async (request) => freeSlots(deps.orm, request.query),
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
      const { created, ...booked } = await bookVisit(
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
        { client: request.ip, idempotencyKey: request.headers['idempotency-key'], body },
      );
      if (!created) reply.header('idempotent-replayed', 'true');
      return reply.status(201).header('location', booked.links.self).send(booked);
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
    async (request) =>
      residentBooking(deps.orm, { reference: request.params.reference, token: request.query.token }),
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
      confirmResidentBooking(deps, { reference: request.params.reference, token: request.query.token }),
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
      cancelResidentBooking(
        deps,
        { reference: request.params.reference, token: request.query.token },
        request.body?.reason ?? null,
      ),
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
      rescheduleResidentBooking(
        deps,
        { reference: request.params.reference, token: request.query.token },
        request.body,
      ),
  );
};
