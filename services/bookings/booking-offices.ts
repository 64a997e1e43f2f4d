import type { EntityManager } from '@mikro-orm/postgresql';
import { BookingBlackoutDay, BookingOffice, BookingOfficeService, BookingService } from '../../db/entities';
import {
  openingHoursProblems,
  toWeeklyHours,
  type OpeningIntervalInput,
} from '../../domain/bookings/opening-hours';
import { isIsoDate } from '../../domain/bookings/slots';
import { AppError, type FieldProblem } from '../../domain/errors';
import { filterWhere, findPage, fork } from '../configuration/config-records';
import type { ConfigurationService } from '../configuration/config-service';
import { districtProblem } from '../configuration/references';
import { isoDateOf, officePlace } from './booking-store';

/**
 * The offices residents book visits at, as administrators configure them: hours per weekday in
 * local time, the services each offers with its desks, and blackout days. Staff who book for
 * residents read them.
 */

export interface BookingOfficeFields {
  name: string;
  address: string;
  district: string | null;
  openingHours: OpeningIntervalInput[];
  observesPublicHolidays: boolean;
  active: boolean;
  services: { serviceId: number; desks: number }[];
  blackoutDays: { date: string; reason: string }[];
}

export type NewBookingOffice = BookingOfficeFields & { code: string };

type OfficeInput = Partial<NewBookingOffice>;

async function findOffice(em: EntityManager, id: number) {
  const office = await em.findOne(BookingOffice, { id });
  if (!office) throw new AppError('NOT_FOUND', `No office ${id}`);
  return office;
}

async function presentOffice(em: EntityManager, office: BookingOffice) {
  const [links, blackouts] = await Promise.all([
    em.find(BookingOfficeService, { officeId: office.id }, { orderBy: { serviceId: 'asc' } }),
    em.find(BookingBlackoutDay, { officeId: office.id }, { orderBy: { date: 'asc' } }),
  ]);
  return {
    ...officePlace(office),
    observesPublicHolidays: office.observesPublicHolidays,
    active: office.active,
    services: links.map((l) => ({ serviceId: l.serviceId, desks: l.desks })),
    blackoutDays: blackouts.map((b) => ({ date: isoDateOf(b.date), reason: b.reason })),
  };
}

export type BookingOfficeRecord = Awaited<ReturnType<typeof presentOffice>>;

/** A list of entries, each named by `key`, that may name each one once. */
function listedOnce<T, V>(
  entries: T[],
  field: (index: number) => string,
  key: (entry: T) => V,
  problem: (entry: T) => string | null,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<V>();
  entries.forEach((entry, index) => {
    const message = problem(entry) ?? (seen.has(key(entry)) ? 'listed twice' : null);
    if (message) problems.push({ field: field(index), message });
    seen.add(key(entry));
  });
  return problems;
}

/** Every problem of an office's fields that needs the database, each naming its field: a 422. */
async function officeProblems(em: EntityManager, input: OfficeInput): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = input.openingHours ? openingHoursProblems(input.openingHours) : [];
  if (input.district) problems.push(...(await districtProblem(em, 'district', input.district)));
  if (input.services) {
    const ids = input.services.map((s) => s.serviceId);
    const known = new Set((await em.find(BookingService, { id: { $in: ids } })).map((s) => s.id));
    problems.push(
      ...listedOnce(
        input.services,
        (index) => `services.${index}.serviceId`,
        (s) => s.serviceId,
        (s) => (known.has(s.serviceId) ? null : 'unknown service'),
      ),
    );
  }
  if (input.blackoutDays) {
    problems.push(
      ...listedOnce(
        input.blackoutDays,
        (index) => `blackoutDays.${index}.date`,
        (day) => day.date,
        (day) => (isIsoDate(day.date) ? null : 'must be a date as YYYY-MM-DD'),
      ),
    );
  }
  return problems;
}

/** The office's services and blackout days, as listed: replaced whole when given. */
async function replaceLists(tx: EntityManager, officeId: number, input: OfficeInput) {
  if (input.services !== undefined) {
    // Existing bookings keep their desks: fewer desks only limit what can be booked from now on.
    await tx.nativeDelete(BookingOfficeService, { officeId });
    for (const s of input.services) {
      tx.create(BookingOfficeService, { officeId, serviceId: s.serviceId, desks: s.desks });
    }
  }
  if (input.blackoutDays !== undefined) {
    await tx.nativeDelete(BookingBlackoutDay, { officeId });
    for (const day of input.blackoutDays) {
      tx.create(BookingBlackoutDay, { officeId, date: day.date, reason: day.reason ?? '' });
    }
  }
  await tx.flush();
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
      office = await findOffice(tx, officeId);
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
    await replaceLists(tx, office.id, input);
    return office.id;
  });
}

/** The offices' list, each office, and its creation and changes (not audited, never removed). */
export const bookingOffices: Omit<
  ConfigurationService<number, NewBookingOffice, Partial<BookingOfficeFields>, BookingOfficeRecord>,
  'remove'
> = {
  list: async ({ orm }, { filter = {}, ...query }) => {
    const em = fork(orm);
    const where = filterWhere(filter, { search: ['name', 'code'] });
    return findPage(em, BookingOffice, where, { query, defaultSort: 'name' }, (offices) =>
      Promise.all(offices.map((office) => presentOffice(em, office))),
    );
  },
  get: async ({ orm }, id) => {
    const em = fork(orm);
    return presentOffice(em, await findOffice(em, id));
  },
  create: async ({ orm }, body) => {
    const em = fork(orm);
    const id = await saveOffice(em, null, body);
    return presentOffice(em, await em.findOneOrFail(BookingOffice, { id }));
  },
  update: async ({ orm }, { id, body }) => {
    const em = fork(orm);
    // react-admin sends the whole record back: only the office's own fields change it.
    const { name, address, district, openingHours, observesPublicHolidays, active, services, blackoutDays } =
      body;
    const change = {
      name,
      address,
      district,
      openingHours,
      observesPublicHolidays,
      active,
      services,
      blackoutDays,
    };
    await saveOffice(em, id, change);
    return presentOffice(em, await em.findOneOrFail(BookingOffice, { id }, { refresh: true }));
  },
};
