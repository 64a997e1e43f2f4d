/**
 * The database side of bookings, shared by the API (book, list free slots) and the workflow's
 * activities (move a booking): which offices offer a service on which schedule, which desks are
 * free, and taking a desk so that the exclusion constraint, not only this code, rules out a
 * double booking.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { BookingBlackoutDay, BookingOffice, BookingOfficeService, BookingService } from '../../db/entities';
import { fromWeeklyHours } from '../../domain/bookings/opening-hours';
import type { BookingSlot } from '../../workflows/booking.messages';
import {
  slotBookingProblem,
  slotStartingAt,
  slotsBetween,
  type Slot,
  type SlotSchedule,
} from '../../domain/bookings/slots';

/** Statuses whose desk is free again, as the exclusion constraint's WHERE clause says. */
const RELEASED_SQL = `('CANCELLED', 'EXPIRED')`;

export interface Offering {
  office: BookingOffice;
  service: BookingService;
  desks: number;
  schedule: SlotSchedule;
}

export interface FreeSlot extends Slot {
  officeId: number;
  freeDesks: number;
}

/** Another request took the last desk of the slot first. */
export class SlotTakenError extends Error {
  constructor(readonly slotStart: string) {
    super(`The slot at ${slotStart} has just been taken: choose another one`);
    this.name = 'SlotTakenError';
  }
}

/** The slot does not exist in the office's schedule or may not be booked any more. */
export class SlotUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlotUnavailableError';
  }
}

/** `YYYY-MM-DD` of a `date` column, whatever the driver returns (string or local-midnight Date). */
export function isoDateOf(value: unknown): string {
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return String(value).slice(0, 10);
}

/** Where an office is and when it opens, as residents and staff read it. */
export function officePlace(office: BookingOffice) {
  return {
    id: office.id,
    code: office.code,
    name: office.name,
    address: office.address,
    district: office.district ?? null,
    openingHours: fromWeeklyHours(office.openingHours),
  };
}

/** Active offices offering an active service, each with its desks and schedule. */
export async function loadOfferings(
  em: EntityManager,
  filter: { serviceId: number; officeId?: number },
): Promise<Offering[]> {
  const service = await em.findOne(BookingService, { id: filter.serviceId, active: true });
  if (!service) return [];
  const links = await em.find(BookingOfficeService, {
    serviceId: service.id,
    ...(filter.officeId !== undefined ? { officeId: filter.officeId } : {}),
  });
  if (links.length === 0) return [];
  const offices = await em.find(
    BookingOffice,
    { id: { $in: links.map((l) => l.officeId) }, active: true },
    { orderBy: { name: 'asc' } },
  );
  const blackouts = await em.find(BookingBlackoutDay, { officeId: { $in: offices.map((o) => o.id) } });
  return offices.map((office) => ({
    office,
    service,
    desks: links.find((l) => l.officeId === office.id)!.desks,
    schedule: {
      hours: office.openingHours,
      durationMinutes: service.durationMinutes,
      observesPublicHolidays: office.observesPublicHolidays,
      blackoutDates: blackouts.filter((b) => b.officeId === office.id).map((b) => isoDateOf(b.date)),
    },
  }));
}

/** Raw queries return timestamps as PostgreSQL writes them: strings. */
interface Occupied {
  office_id: number;
  slot_start: string;
  slot_end: string;
  desk: number;
}

/** Free slots of a service from `from` to `to` (local dates), in time order, with their free desks. */
export async function availableSlots(
  em: EntityManager,
  query: { serviceId: number; officeId?: number; from: string; to: string; now: Date },
): Promise<FreeSlot[]> {
  const offerings = await loadOfferings(em, query);
  const result: FreeSlot[] = [];
  for (const offering of offerings) {
    const slots = slotsBetween(query, offering.schedule, query.now);
    if (slots.length === 0) continue;
    const occupied = await em.execute<Occupied[]>(
      `select office_id, slot_start, slot_end, desk from bookings
        where office_id = ? and service_id = ? and status not in ${RELEASED_SQL}
          and slot_end > ? and slot_start < ?`,
      [offering.office.id, offering.service.id, slots[0].start, slots[slots.length - 1].end],
    );
    const spans = occupied.map((o) => ({
      start: Date.parse(o.slot_start),
      end: Date.parse(o.slot_end),
      desk: o.desk,
    }));
    for (const slot of slots) {
      const busy = new Set(
        spans.filter((o) => o.start < slot.end.getTime() && o.end > slot.start.getTime()).map((o) => o.desk),
      );
      let freeDesks = 0;
      for (let desk = 1; desk <= offering.desks; desk++) if (!busy.has(desk)) freeDesks += 1;
      if (freeDesks > 0) result.push({ ...slot, officeId: offering.office.id, freeDesks });
    }
  }
  return result.sort((a, b) => a.start.getTime() - b.start.getTime() || a.officeId - b.officeId);
}

/** The slot of an offering starting at `start`, if it exists and may be booked now. */
export function bookableSlot(offering: Offering, start: Date, now: Date): Slot {
  const slot = slotStartingAt(start, offering.schedule);
  if (!slot) {
    throw new SlotUnavailableError(
      `${offering.office.name} has no ${offering.service.durationMinutes}-minute slot for ${offering.service.code} starting at ${start.toISOString()}`,
    );
  }
  const problem = slotBookingProblem(slot, now);
  if (problem) throw new SlotUnavailableError(`Cannot book ${start.toISOString()}: ${problem}`);
  return slot;
}

function sqlState(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current =
      (current as { previous?: unknown; cause?: unknown }).previous ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** 23P01: the exclusion constraint refused a second visit at the same desk and time. */
export function isDoubleBooking(error: unknown): boolean {
  return sqlState(error) === '23P01';
}

/**
 * 40P01: two inserts of the same desk and time each entered the constraint's index and then waited
 * for the other; PostgreSQL broke the tie by aborting one. Taking a desk again is the cure.
 */
function isDeadlock(error: unknown): boolean {
  return sqlState(error) === '40P01';
}

/**
 * Runs `write` with the lowest desk free for the slot, in a transaction. Two requests may pick the
 * same desk at once: the constraint lets one through and refuses the other (or, when both wait on
 * each other, PostgreSQL aborts one as a deadlock), which tries again; when no desk is left, the
 * slot is taken.
 */
export async function withFreeDesk<T>(
  em: EntityManager,
  target: {
    officeId: number;
    serviceId: number;
    desks: number;
    start: Date;
    end: Date;
    exceptBookingId?: string;
  },
  write: (tx: EntityManager, desk: number) => Promise<T>,
): Promise<T> {
  // Each refusal means another request took a desk (or lost a deadlock): bounded by the desks, with
  // room for the deadlock victims.
  for (let attempt = 0; attempt <= 2 * target.desks + 2; attempt++) {
    try {
      return await em.transactional(async (tx) => {
        const rows = await tx.execute<{ desk: number }[]>(
          `select desk from bookings
            where office_id = ? and service_id = ? and status not in ${RELEASED_SQL}
              and tstzrange(slot_start, slot_end, '[)') && tstzrange(?, ?, '[)')
              and id <> ?`,
          [
            target.officeId,
            target.serviceId,
            target.start,
            target.end,
            target.exceptBookingId ?? '00000000-0000-0000-0000-000000000000',
          ],
        );
        const taken = new Set(rows.map((r) => r.desk));
        let desk = 0;
        for (let candidate = 1; candidate <= target.desks; candidate++) {
          if (!taken.has(candidate)) {
            desk = candidate;
            break;
          }
        }
        if (desk === 0) throw new SlotTakenError(target.start.toISOString());
        return write(tx, desk);
      });
    } catch (error) {
      if (!isDoubleBooking(error) && !isDeadlock(error)) throw error;
    }
  }
  throw new SlotTakenError(target.start.toISOString());
}

/**
 * Moves a held or confirmed booking to another slot (and maybe office) in one transaction: the
 * new desk is taken and the old one given back at the same commit. Moving to where the booking
 * already is returns it unchanged, so a retried activity does not fail on its own success.
 */
export async function moveBooking(
  em: EntityManager,
  request: { bookingId: string; officeId: number; slotStart: Date; now: Date },
): Promise<BookingSlot> {
  const [booking] = await em.execute<
    {
      office_id: number;
      service_id: number;
      slot_start: string;
      slot_end: string;
      desk: number;
      status: string;
    }[]
  >(`select office_id, service_id, slot_start, slot_end, desk, status from bookings where id = ?`, [
    request.bookingId,
  ]);
  if (!booking) throw new SlotUnavailableError(`No booking ${request.bookingId}`);
  const current: BookingSlot = {
    officeId: booking.office_id,
    slotStart: new Date(booking.slot_start).toISOString(),
    slotEnd: new Date(booking.slot_end).toISOString(),
    desk: booking.desk,
  };
  if (
    booking.office_id === request.officeId &&
    Date.parse(booking.slot_start) === request.slotStart.getTime()
  ) {
    return current;
  }
  if (booking.status !== 'HELD' && booking.status !== 'CONFIRMED') {
    throw new SlotUnavailableError(`The booking is ${booking.status.toLowerCase()} and cannot be moved`);
  }
  const [offering] = await loadOfferings(em, { serviceId: booking.service_id, officeId: request.officeId });
  if (!offering) throw new SlotUnavailableError(`Office ${request.officeId} does not offer this service`);
  const slot = bookableSlot(offering, request.slotStart, request.now);
  return withFreeDesk(
    em,
    {
      officeId: offering.office.id,
      serviceId: offering.service.id,
      desks: offering.desks,
      start: slot.start,
      end: slot.end,
      exceptBookingId: request.bookingId,
    },
    async (tx, desk) => {
      const moved = await tx.execute<{ id: string }[]>(
        `update bookings
            set office_id = ?, slot_start = ?, slot_end = ?, desk = ?,
                reschedule_count = reschedule_count + 1, updated_at = now()
          where id = ? and status in ('HELD', 'CONFIRMED')
          returning id`,
        [offering.office.id, slot.start, slot.end, desk, request.bookingId],
      );
      if (moved.length === 0) throw new SlotUnavailableError('The booking can no longer be moved');
      return {
        officeId: offering.office.id,
        slotStart: slot.start.toISOString(),
        slotEnd: slot.end.toISOString(),
        desk,
      };
    },
  );
}
