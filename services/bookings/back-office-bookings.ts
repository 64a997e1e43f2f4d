import type { EntityManager } from '@mikro-orm/postgresql';
import { Booking } from '../../db/entities';
import type { SessionUser } from '../../domain/auth/session-user';
import { bookingRefusal, type BookingStatus } from '../../domain/bookings/booking-states';
import { OFFICE_ACTIONS, type StaffAction } from '../../domain/bookings/office-actions';
import { addDays } from '../../domain/bookings/slots';
import { AppError } from '../../domain/errors';
import { toWarsawWallClock, warsawWallClockToInstant } from '../../domain/sla/business-calendar';
import type { BookingActionRequest, BookingActor } from '../../workflows/booking.messages';
import type { ServiceDeps } from '../service-deps';
import { changeBooking, rescheduleRequest } from './change-booking';
import { runBookingAction } from './run-booking-action';

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

interface RecordContext {
  now: Date;
  noShowGraceSeconds: number;
  mayAct: boolean;
}

type Deps = Pick<ServiceDeps, 'orm' | 'config'>;

const contextOf = (deps: Deps, role: string): RecordContext => ({
  now: new Date(),
  noShowGraceSeconds: deps.config.bookings.noShowGraceSeconds,
  mayAct: role === 'ADMIN' || role === 'CLERK',
});

/** A booking as the office sees it: local day and time of the visit, and what the clerk may do now. */
function toRecord(row: BookingRow, context: RecordContext) {
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

export type BackOfficeBooking = ReturnType<typeof toRecord>;

/** One booking as a staff member of this role sees it. */
export async function loadBookingRecord(deps: Deps, id: string, role: string): Promise<BackOfficeBooking> {
  const [row] = await deps.orm.em
    .fork()
    .getConnection()
    .execute<BookingRow[]>(`${SELECT} where b.id = ?`, [id]);
  if (!row) throw new AppError('NOT_FOUND', `No booking ${id}`);
  return toRecord(row, contextOf(deps, role));
}

export interface BookingFilter {
  id?: string[];
  officeId?: number;
  serviceId?: number;
  /** Local date of the visits in Warsaw. */
  date?: string;
  status?: BookingStatus | BookingStatus[];
  q?: string;
}

/** An office's visits (the day view), one page of them and their total. */
export async function listBookings(
  deps: Deps,
  role: string,
  query: { sort: readonly [string, 'ASC' | 'DESC']; range: readonly [number, number]; filter: BookingFilter },
): Promise<{ records: BackOfficeBooking[]; total: number }> {
  const { sort, range, filter } = query;
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
  const connection = deps.orm.em.fork().getConnection();
  const [rows, [{ total }]] = await Promise.all([
    connection.execute<BookingRow[]>(
      `${SELECT} ${whereSql} order by ${SORT_COLUMNS[sort[0]]} ${direction}, b.desk asc, b.id asc limit ? offset ?`,
      [...params, range[1] - range[0] + 1, range[0]],
    ),
    connection.execute<{ total: string }[]>(`select count(*) as total from bookings b ${whereSql}`, params),
  ]);
  const context = contextOf(deps, role);
  return { records: rows.map((row) => toRecord(row, context)), total: Number(total) };
}

const actorOf = (staff: { id: string; role: string }): BookingActor => ({
  id: staff.id,
  role: staff.role as 'ADMIN' | 'CLERK',
});

/** Checking a resident in, or recording that they did not come (after the grace period). */
export async function runDeskAction(
  deps: ServiceDeps,
  staff: SessionUser,
  id: string,
  action: StaffAction,
): Promise<BackOfficeBooking> {
  const record = await loadBookingRecord(deps, id, staff.role);
  const refusal = bookingRefusal(action, record, contextOf(deps, staff.role));
  if (refusal) throw new AppError('INVALID_TRANSITION', refusal.message, { action });
  await runBookingAction(deps.temporal, record.id, { action, actor: actorOf(staff) } as BookingActionRequest);
  return loadBookingRecord(deps, record.id, staff.role);
}

async function bookingRow(em: EntityManager, id: string): Promise<Booking> {
  const row = await em.findOne(Booking, { id });
  if (!row) throw new AppError('NOT_FOUND', `No booking ${id}`);
  return row;
}

/** Cancels a visit on the resident's behalf: the slot is free again and the resident is mailed. */
export async function cancelForResident(
  deps: ServiceDeps,
  staff: SessionUser,
  id: string,
  reason: string,
): Promise<BackOfficeBooking> {
  const row = await bookingRow(deps.orm.em.fork(), id);
  await changeBooking(deps.temporal, row, { action: 'cancel', actor: actorOf(staff), reason });
  return loadBookingRecord(deps, row.id, staff.role);
}

/** Moves a visit to another free slot on the resident's behalf. */
export async function rescheduleForResident(
  deps: ServiceDeps,
  staff: SessionUser,
  id: string,
  move: { slotStart: string; officeId?: number },
): Promise<BackOfficeBooking> {
  const em = deps.orm.em.fork();
  const row = await bookingRow(em, id);
  await changeBooking(deps.temporal, row, await rescheduleRequest(em, row, move, actorOf(staff)));
  return loadBookingRecord(deps, row.id, staff.role);
}
