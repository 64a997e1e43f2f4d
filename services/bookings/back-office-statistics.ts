import { addDays, daysBetween, isIsoDate, warsawToday } from '../../domain/bookings/slots';
import { AppError } from '../../domain/errors';
import { warsawWallClockToInstant } from '../../domain/sla/business-calendar';
import type { Orm } from '../service-deps';

const MAX_PERIOD_DAYS = 366;

type BookingStatisticsSort = 'officeName' | 'serviceName' | 'bookings' | 'noShowRate';

interface StatisticsRow {
  office_id: number;
  office_name: string;
  service_id: number;
  service_name: string;
  bookings: string;
  checked_in: string;
  no_shows: string;
  cancelled: string;
  expired_holds: string;
  average_lead_seconds: string | null;
}

/** [start, end) instants of local dates `from` to `to` (both included) in Warsaw. */
function period(from: string, to: string): [Date, Date] {
  return [warsawWallClockToInstant(from, '00:00'), warsawWallClockToInstant(addDays(to, 1), '00:00')];
}

/**
 * Per office and service, over visits from `from` to `to` (local dates; by default 30 days back and
 * ahead): bookings, check-ins, no-shows, lead time. Sorted, then one page of them and their total.
 */
export async function bookingStatistics(
  orm: Orm,
  query: {
    sort: readonly [string, 'ASC' | 'DESC'];
    range: readonly [number, number];
    filter: { from?: string; to?: string; officeId?: number; serviceId?: number };
  },
) {
  const { sort, range, filter } = query;
  const today = warsawToday(new Date());
  const from = filter.from ?? addDays(today, -30);
  const to = filter.to ?? addDays(today, 30);
  const fields = [
    ...(isIsoDate(from) ? [] : [{ field: 'filter.from', message: 'must be a date as YYYY-MM-DD' }]),
    ...(isIsoDate(to) ? [] : [{ field: 'filter.to', message: 'must be a date as YYYY-MM-DD' }]),
  ];
  if (fields.length === 0 && (to < from || daysBetween(from, to) >= MAX_PERIOD_DAYS)) {
    fields.push({ field: 'filter.to', message: `must follow from by at most ${MAX_PERIOD_DAYS} days` });
  }
  if (fields.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Invalid ${fields[0].field}: ${fields[0].message}`, {
      fields,
    });
  }
  const [start, end] = period(from, to);
  const where = ['b.slot_start >= ?', 'b.slot_start < ?'];
  const params: unknown[] = [start, end];
  if (filter.officeId) {
    where.push('b.office_id = ?');
    params.push(filter.officeId);
  }
  if (filter.serviceId) {
    where.push('b.service_id = ?');
    params.push(filter.serviceId);
  }
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute<StatisticsRow[]>(
      `select b.office_id, o.name as office_name, b.service_id, s.name_pl as service_name,
                  count(*) filter (where b.status <> 'EXPIRED') as bookings,
                  count(*) filter (where b.status in ('CHECKED_IN', 'COMPLETED')) as checked_in,
                  count(*) filter (where b.status = 'NO_SHOW') as no_shows,
                  count(*) filter (where b.status = 'CANCELLED') as cancelled,
                  count(*) filter (where b.status = 'EXPIRED') as expired_holds,
                  avg(extract(epoch from b.slot_start - b.created_at)) filter (where b.status <> 'EXPIRED')
                    as average_lead_seconds
             from bookings b
             join booking_offices o on o.id = b.office_id
             join booking_services s on s.id = b.service_id
            where ${where.join(' and ')}
            group by b.office_id, o.name, b.service_id, s.name_pl`,
      params,
    );
  const records = rows.map((row) => {
    const checkedIn = Number(row.checked_in);
    const noShows = Number(row.no_shows);
    return {
      id: `${row.office_id}-${row.service_id}`,
      officeId: row.office_id,
      officeName: row.office_name,
      serviceId: row.service_id,
      serviceName: row.service_name,
      bookings: Number(row.bookings),
      checkedIn,
      noShows,
      cancelled: Number(row.cancelled),
      expiredHolds: Number(row.expired_holds),
      noShowRate: checkedIn + noShows > 0 ? noShows / (checkedIn + noShows) : null,
      averageLeadHours:
        row.average_lead_seconds === null
          ? null
          : Math.round((Number(row.average_lead_seconds) / 3600) * 10) / 10,
    };
  });
  const [field, direction] = sort as [BookingStatisticsSort, string];
  const sign = direction === 'ASC' ? 1 : -1;
  records.sort((a, b) => {
    const x = a[field] ?? -1;
    const y = b[field] ?? -1;
    return (x < y ? -1 : x > y ? 1 : 0) * sign || a.id.localeCompare(b.id);
  });
  return { records: records.slice(range[0], range[1] + 1), total: records.length };
}
