import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BookingBlackoutDay,
  BookingOffice,
  BookingOfficeService,
  BookingService,
  District,
} from '../../../db/entities';
import { fromWeeklyHours, openingHoursProblems, toWeeklyHours } from '../../../domain/bookings/opening-hours';
import { isIsoDate } from '../../../domain/bookings/slots';
import { AppError, type FieldProblem } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { databaseId, databaseIdText, supportedDay } from '../../input-rules';
import { openingInterval } from '../../bookings/bookings.schemas';
import { contentRange, listQuerySchema } from '../list-query';

const code = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_-]{1,63}$/, 'must be upper-case letters, digits, - or _');

const officeFields = {
  name: z.string().trim().min(2).max(200),
  address: z.string().trim().min(2).max(300),
  district: z.string().trim().max(100).nullable(),
  openingHours: z.array(openingInterval).max(70),
  observesPublicHolidays: z.boolean(),
  active: z.boolean(),
  services: z.array(z.object({ serviceId: databaseId, desks: z.number().int().min(1).max(100) })).max(200),
  blackoutDays: z
    .array(z.object({ date: supportedDay, reason: z.string().trim().max(300).default('') }))
    .max(400),
};

// Blackout days stored before they were limited to the supported range are still shown.
const officeRecord = z.object({
  id: z.number().int(),
  code: z.string(),
  ...officeFields,
  blackoutDays: z.array(z.object({ date: z.string(), reason: z.string() })),
});
const officeCreateBody = z
  .object({
    code,
    ...officeFields,
    district: officeFields.district.default(null),
    observesPublicHolidays: officeFields.observesPublicHolidays.default(true),
    active: officeFields.active.default(true),
    services: officeFields.services.default([]),
    blackoutDays: officeFields.blackoutDays.default([]),
  })
  .strict();
const officeUpdateBody = z
  .object({
    name: officeFields.name.optional(),
    address: officeFields.address.optional(),
    district: officeFields.district.optional(),
    openingHours: officeFields.openingHours.optional(),
    observesPublicHolidays: officeFields.observesPublicHolidays.optional(),
    active: officeFields.active.optional(),
    services: officeFields.services.optional(),
    blackoutDays: officeFields.blackoutDays.optional(),
  })
  // react-admin sends the whole record back: its read-only fields are ignored.
  .loose();

const serviceFields = {
  namePl: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().min(2).max(200),
  durationMinutes: z.number().int().min(1).max(480),
  active: z.boolean(),
};
const serviceRecord = z.object({ id: z.number().int(), code: z.string(), ...serviceFields });
const serviceCreateBody = z
  .object({ code, ...serviceFields, active: serviceFields.active.default(true) })
  .strict();
const serviceUpdateBody = z
  .object({
    namePl: serviceFields.namePl.optional(),
    nameEn: serviceFields.nameEn.optional(),
    durationMinutes: serviceFields.durationMinutes.optional(),
    active: serviceFields.active.optional(),
  })
  .loose();

type OfficeInput = Partial<z.infer<typeof officeCreateBody>>;

function isoDateOf(value: unknown): string {
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return String(value).slice(0, 10);
}

/**
 * Administrators configure where and what residents can book: offices (hours per weekday in
 * local time, the services they offer with their desks, blackout days) and services (names,
 * duration). Staff who book for residents may read them.
 */
export const bookingConfigRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER');
  const admin = requireRole(deps, 'ADMIN');
  const security = [{ bearerAuth: [] }];
  const tags = ['back office'];

  async function officeRecordOf(em: EntityManager, office: BookingOffice) {
    const [links, blackouts] = await Promise.all([
      em.find(BookingOfficeService, { officeId: office.id }, { orderBy: { serviceId: 'asc' } }),
      em.find(BookingBlackoutDay, { officeId: office.id }, { orderBy: { date: 'asc' } }),
    ]);
    return {
      id: office.id,
      code: office.code,
      name: office.name,
      address: office.address,
      district: office.district ?? null,
      openingHours: fromWeeklyHours(office.openingHours),
      observesPublicHolidays: office.observesPublicHolidays,
      active: office.active,
      services: links.map((l) => ({ serviceId: l.serviceId, desks: l.desks })),
      blackoutDays: blackouts.map((b) => ({ date: isoDateOf(b.date), reason: b.reason })),
    };
  }

  /** Every problem of an office's fields that needs the database, each naming its field: a 422. */
  async function officeProblems(em: EntityManager, input: OfficeInput): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = input.openingHours ? openingHoursProblems(input.openingHours) : [];
    if (input.district && !(await em.findOne(District, { name: input.district }))) {
      problems.push({ field: 'district', message: `unknown district "${input.district}"` });
    }
    if (input.services) {
      const known = new Set(
        (await em.find(BookingService, { id: { $in: input.services.map((s) => s.serviceId) } })).map(
          (s) => s.id,
        ),
      );
      const seen = new Set<number>();
      input.services.forEach((s, index) => {
        if (!known.has(s.serviceId))
          problems.push({ field: `services.${index}.serviceId`, message: 'unknown service' });
        else if (seen.has(s.serviceId))
          problems.push({ field: `services.${index}.serviceId`, message: 'listed twice' });
        seen.add(s.serviceId);
      });
    }
    if (input.blackoutDays) {
      const seen = new Set<string>();
      input.blackoutDays.forEach((day, index) => {
        if (!isIsoDate(day.date))
          problems.push({ field: `blackoutDays.${index}.date`, message: 'must be a date as YYYY-MM-DD' });
        else if (seen.has(day.date))
          problems.push({ field: `blackoutDays.${index}.date`, message: 'listed twice' });
        seen.add(day.date);
      });
    }
    return problems;
  }

  async function saveOffice(em: EntityManager, officeId: number | null, input: OfficeInput): Promise<number> {
    const problems = await officeProblems(em, input);
    if (problems.length > 0) {
      throw new AppError('UNPROCESSABLE', `Invalid ${problems[0].field}: ${problems[0].message}`, {
        fields: problems,
      });
    }
    return em.transactional(async (tx) => {
      let office: BookingOffice;
      if (officeId === null) {
        if (await tx.findOne(BookingOffice, { code: input.code! })) {
          throw new AppError('CONFLICT', `An office ${input.code} exists already`, {
            fields: [{ field: 'code', message: 'is taken' }],
          });
        }
        office = tx.create(BookingOffice, {
          code: input.code!,
          name: input.name!,
          address: input.address!,
          district: input.district || null,
          openingHours: toWeeklyHours(input.openingHours ?? []),
          observesPublicHolidays: input.observesPublicHolidays ?? true,
          active: input.active ?? true,
        });
      } else {
        const found = await tx.findOne(BookingOffice, { id: officeId });
        if (!found) throw new AppError('NOT_FOUND', `No office ${officeId}`);
        office = found;
        if (input.name !== undefined) office.name = input.name;
        if (input.address !== undefined) office.address = input.address;
        if (input.district !== undefined) office.district = input.district || null;
        if (input.openingHours !== undefined) office.openingHours = toWeeklyHours(input.openingHours);
        if (input.observesPublicHolidays !== undefined)
          office.observesPublicHolidays = input.observesPublicHolidays;
        if (input.active !== undefined) office.active = input.active;
        office.updatedAt = new Date();
      }
      await tx.flush();
      if (input.services !== undefined) {
        // Existing bookings keep their desks: fewer desks only limit what can be booked from now on.
        await tx.nativeDelete(BookingOfficeService, { officeId: office.id });
        for (const s of input.services) {
          tx.create(BookingOfficeService, { officeId: office.id, serviceId: s.serviceId, desks: s.desks });
        }
      }
      if (input.blackoutDays !== undefined) {
        await tx.nativeDelete(BookingBlackoutDay, { officeId: office.id });
        for (const day of input.blackoutDays) {
          tx.create(BookingBlackoutDay, { officeId: office.id, date: day.date, reason: day.reason ?? '' });
        }
      }
      await tx.flush();
      return office.id;
    });
  }

  app.get(
    '/booking-offices',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Offices taking bookings',
        security,
        querystring: listQuerySchema(['name', 'code', 'id'] as const, {
          id: z.array(databaseId).max(500).optional(),
          active: z.boolean().optional(),
          q: z.string().trim().max(100).optional(),
        }),
        response: { 200: z.array(officeRecord) },
      },
    },
    async (request, reply) => {
      const { sort = ['name', 'ASC'], range = [0, 99], filter = {} } = request.query;
      const where: Record<string, unknown> = {};
      if (filter.id) where.id = { $in: filter.id };
      if (filter.active !== undefined) where.active = filter.active;
      if (filter.q)
        where.$or = [{ name: { $ilike: `%${filter.q}%` } }, { code: { $ilike: `%${filter.q}%` } }];
      const em = deps.orm.em.fork() as EntityManager;
      const [offices, total] = await em.findAndCount(BookingOffice, where, {
        orderBy: { [sort[0]]: sort[1] === 'ASC' ? 'asc' : 'desc' },
        limit: range[1] - range[0] + 1,
        offset: range[0],
      });
      reply.header('Content-Range', contentRange('booking-offices', range[0], offices.length, total));
      return Promise.all(offices.map((office) => officeRecordOf(em, office)));
    },
  );

  app.get(
    '/booking-offices/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One office',
        security,
        params: z.object({ id: databaseIdText }),
        response: { 200: officeRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const office = await em.findOne(BookingOffice, { id: request.params.id });
      if (!office) throw new AppError('NOT_FOUND', `No office ${request.params.id}`);
      return officeRecordOf(em, office);
    },
  );

  app.post(
    '/booking-offices',
    {
      preHandler: admin,
      config: { validationStatus: 422 },
      schema: {
        tags,
        summary: 'Add an office',
        security,
        body: officeCreateBody,
        response: { 201: officeRecord },
      },
    },
    async (request, reply) => {
      const em = deps.orm.em.fork() as EntityManager;
      const id = await saveOffice(em, null, request.body);
      return reply.status(201).send(await officeRecordOf(em, await em.findOneOrFail(BookingOffice, { id })));
    },
  );

  app.put(
    '/booking-offices/:id',
    {
      preHandler: admin,
      config: { validationStatus: 422 },
      schema: {
        tags,
        summary: 'Change an office: hours, services and desks, blackout days',
        security,
        params: z.object({ id: databaseIdText }),
        body: officeUpdateBody,
        response: { 200: officeRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const {
        name,
        address,
        district,
        openingHours,
        observesPublicHolidays,
        active,
        services,
        blackoutDays,
      } = request.body;
      const id = await saveOffice(em, request.params.id, {
        name,
        address,
        district,
        openingHours,
        observesPublicHolidays,
        active,
        services,
        blackoutDays,
      });
      return officeRecordOf(em, await em.findOneOrFail(BookingOffice, { id }, { refresh: true }));
    },
  );

  const toServiceRecord = (s: BookingService) => ({
    id: s.id,
    code: s.code,
    namePl: s.namePl,
    nameEn: s.nameEn,
    durationMinutes: s.durationMinutes,
    active: s.active,
  });

  app.get(
    '/booking-services',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Services residents can book',
        security,
        querystring: listQuerySchema(['namePl', 'code', 'id', 'durationMinutes'] as const, {
          id: z.array(databaseId).max(500).optional(),
          active: z.boolean().optional(),
          q: z.string().trim().max(100).optional(),
        }),
        response: { 200: z.array(serviceRecord) },
      },
    },
    async (request, reply) => {
      const { sort = ['namePl', 'ASC'], range = [0, 99], filter = {} } = request.query;
      const where: Record<string, unknown> = {};
      if (filter.id) where.id = { $in: filter.id };
      if (filter.active !== undefined) where.active = filter.active;
      if (filter.q) {
        where.$or = [
          { namePl: { $ilike: `%${filter.q}%` } },
          { nameEn: { $ilike: `%${filter.q}%` } },
          { code: { $ilike: `%${filter.q}%` } },
        ];
      }
      const [services, total] = await deps.orm.em.fork().findAndCount(BookingService, where, {
        orderBy: { [sort[0]]: sort[1] === 'ASC' ? 'asc' : 'desc' },
        limit: range[1] - range[0] + 1,
        offset: range[0],
      });
      reply.header('Content-Range', contentRange('booking-services', range[0], services.length, total));
      return services.map(toServiceRecord);
    },
  );

  app.get(
    '/booking-services/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One service',
        security,
        params: z.object({ id: databaseIdText }),
        response: { 200: serviceRecord },
      },
    },
    async (request) => {
      const service = await deps.orm.em.fork().findOne(BookingService, { id: request.params.id });
      if (!service) throw new AppError('NOT_FOUND', `No service ${request.params.id}`);
      return toServiceRecord(service);
    },
  );

  app.post(
    '/booking-services',
    {
      preHandler: admin,
      config: { validationStatus: 422 },
      schema: {
        tags,
        summary: 'Add a service',
        security,
        body: serviceCreateBody,
        response: { 201: serviceRecord },
      },
    },
    async (request, reply) => {
      const em = deps.orm.em.fork();
      if (await em.findOne(BookingService, { code: request.body.code })) {
        throw new AppError('CONFLICT', `A service ${request.body.code} exists already`, {
          fields: [{ field: 'code', message: 'is taken' }],
        });
      }
      const service = em.create(BookingService, request.body);
      await em.flush();
      return reply.status(201).send(toServiceRecord(service));
    },
  );

  app.put(
    '/booking-services/:id',
    {
      preHandler: admin,
      config: { validationStatus: 422 },
      schema: {
        tags,
        summary: 'Change a service (a new duration applies to slots not yet booked)',
        security,
        params: z.object({ id: databaseIdText }),
        body: serviceUpdateBody,
        response: { 200: serviceRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork();
      const service = await em.findOne(BookingService, { id: request.params.id });
      if (!service) throw new AppError('NOT_FOUND', `No service ${request.params.id}`);
      const { namePl, nameEn, durationMinutes, active } = request.body;
      if (namePl !== undefined) service.namePl = namePl;
      if (nameEn !== undefined) service.nameEn = nameEn;
      if (durationMinutes !== undefined) service.durationMinutes = durationMinutes;
      if (active !== undefined) service.active = active;
      service.updatedAt = new Date();
      await em.flush();
      return toServiceRecord(service);
    },
  );
};
