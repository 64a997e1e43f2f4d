import type { EntityManager } from '@mikro-orm/postgresql';
import { Booking, BookingOffice, BookingOfficeService, BookingService } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { rangeProblems } from '../../domain/bookings/slots';
import { AppError } from '../../domain/errors';
import type { BookingActionRequest } from '../../workflows/booking.messages';
import { clientScopedKey } from '../cases/accept-case';
import { availableSlots, officePlace } from './booking-store';
import { verifyBookingToken } from './booking-token';
import { changeBooking, rescheduleRequest } from './change-booking';
import { createBooking, type BookingDeps, type NewBooking } from './create-booking';

const RESIDENT = { id: 'resident', role: 'RESIDENT' } as const;

/** A booking as its resident sees it. */
export async function publicBookingView(em: EntityManager, row: Booking) {
  const [office, service] = await Promise.all([
    em.findOneOrFail(BookingOffice, { id: row.officeId }),
    em.findOneOrFail(BookingService, { id: row.serviceId }),
  ]);
  return {
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

export type PublicBooking = Awaited<ReturnType<typeof publicBookingView>>;

/** Which booking, and the proof that the caller made it: its reference and the token given at booking. */
export interface ResidentBookingKey {
  reference: string;
  token: string;
}

/** The booking a reference and token name; one answer for "no such booking" and "wrong token". */
async function bookingByToken(em: EntityManager, key: ResidentBookingKey): Promise<Booking> {
  const row = await em.findOne(Booking, { reference: key.reference });
  if (!row || !verifyBookingToken(row.tokenHash, key.token)) {
    throw new AppError('NOT_FOUND', `No booking ${key.reference} with this token`);
  }
  return row;
}

async function act(
  deps: Pick<BookingDeps, 'orm' | 'temporal'>,
  key: ResidentBookingKey,
  request: BookingActionRequest | ((em: EntityManager, row: Booking) => Promise<BookingActionRequest>),
): Promise<PublicBooking> {
  const em = deps.orm.em.fork();
  const row = await bookingByToken(em, key);
  await changeBooking(deps.temporal, row, typeof request === 'function' ? await request(em, row) : request);
  return publicBookingView(em, await em.findOneOrFail(Booking, { id: row.id }, { refresh: true }));
}

/** Services residents can book a visit for, with the active offices offering each. */
export async function bookableServices(orm: Orm) {
  const em = orm.em.fork();
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
}

/** Offices that take bookings (of one service, when named), with their opening hours. */
export async function bookingOffices(orm: Orm, serviceCode: string | undefined) {
  const em = orm.em.fork();
  const services = await em.find(BookingService, { active: true });
  const links = await em.find(BookingOfficeService, { serviceId: { $in: services.map((s) => s.id) } });
  const wanted = serviceCode ? services.find((s) => s.code === serviceCode) : undefined;
  if (serviceCode && !wanted) {
    throw new AppError('VALIDATION_FAILED', `No service ${serviceCode}`, {
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
    ...officePlace(office),
    closedOnPublicHolidays: office.observesPublicHolidays,
    services: links
      .filter((l) => l.officeId === office.id)
      .map((l) => ({ code: services.find((s) => s.id === l.serviceId)!.code, desks: l.desks })),
  }));
}

/** Free slots of a service in a date range (at most 31 days), at one office or all. */
export async function freeSlots(
  orm: Orm,
  query: { service: string; office?: number; from: string; to: string },
) {
  const { service: code, office, from, to } = query;
  const now = new Date();
  const problems = rangeProblems({ from, to }, now);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Invalid query.${problems[0].field}: ${problems[0].message}`, {
      fields: problems.map((p) => ({ field: `query.${p.field}`, message: p.message })),
    });
  }
  const em = orm.em.fork();
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
}

/**
 * A resident books a visit; the Idempotency-Key holds within the client's address. The answer
 * carries the booking's token, the resident's only key to it.
 */
export async function bookVisit(
  deps: BookingDeps,
  booking: NewBooking,
  request: { client: string; idempotencyKey?: string; body: unknown },
): Promise<PublicBooking & { token: string; created: boolean }> {
  const created = await createBooking(deps, booking, {
    idempotencyKey: clientScopedKey(request.client, request.idempotencyKey),
    hashOf: request.body,
  });
  const view = await publicBookingView(deps.orm.em.fork(), created.row);
  return { ...view, token: created.token, created: created.created };
}

/** The booking a reference and token name, as its resident sees it. */
export async function residentBooking(orm: Orm, key: ResidentBookingKey): Promise<PublicBooking> {
  const em = orm.em.fork();
  return publicBookingView(em, await bookingByToken(em, key));
}

/** The resident confirms a held slot before the hold runs out. */
export async function confirmResidentBooking(
  deps: Pick<BookingDeps, 'orm' | 'temporal'>,
  key: ResidentBookingKey,
) {
  return act(deps, key, { action: 'confirm', actor: RESIDENT });
}

/** The resident cancels: the slot is free again at once. */
export async function cancelResidentBooking(
  deps: Pick<BookingDeps, 'orm' | 'temporal'>,
  key: ResidentBookingKey,
  reason: string | null,
) {
  return act(deps, key, { action: 'cancel', actor: RESIDENT, reason });
}

/** The resident moves the booking to another free slot. */
export async function rescheduleResidentBooking(
  deps: Pick<BookingDeps, 'orm' | 'temporal'>,
  key: ResidentBookingKey,
  move: { slotStart: string; officeId?: number },
) {
  return act(deps, key, (em, row) => rescheduleRequest(em, row, move, RESIDENT));
}
