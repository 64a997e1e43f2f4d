import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, daysBetween, isIsoDate, warsawToday } from '../../../domain/bookings/slots';
import { warsawWallClockToInstant } from '../../../domain/sla/business-calendar';
import { AppError } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { contentRange, listQuerySchema } from '../list-query';

const MAX_PERIOD_DAYS = 366;

export const bookingStatisticsRow = z.object({
  id: z.string().describe('officeId-serviceId'),
  officeId: z.number().int(),
  officeName: z.string(),
  serviceId: z.number().int(),
  serviceName: z.string(),
  /** Bookings with a visit in the period; holds that expired unconfirmed never became bookings. */
  bookings: z.number().int(),
  checkedIn: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  expiredHolds: z.number().int(),
  /** No-shows among the visits that were due: no-shows / (checked in + no-shows); null before any. */
  noShowRate: z.number().nullable(),
  /** How long ahead residents booked, on average, in hours. */
  averageLeadHours: z.number().nullable(),
});

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
 * Bookings as the city counts cases: every booking made in the period (expired holds excluded) is
 * one case of kind BOOKING. Kept apart from the cases table, whose kinds drive the case workflow;
 * the statistics of cases add this count under `BOOKING`.
 */
export async function bookingCaseCounts(
  em: EntityManager,
  range: { from: Date; to: Date },
): Promise<{ kind: 'BOOKING'; total: number; byStatus: Record<string, number> }> {
  const rows = await em.getConnection().execute<{ status: string; total: string }[]>(
    `select status, count(*) as total from bookings
      where created_at >= ? and created_at < ? and status <> 'EXPIRED'
      group by status`,
    [range.from, range.to],
  );
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.total)]));
  return { kind: 'BOOKING', total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
}

/** Per office and service, over visits in a period: bookings, check-ins, no-shows, lead time. */
export const bookingStatisticsRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER');

  app.get(
    '/booking-statistics',
    {
      preHandler: readers,
      schema: {
        tags: ['back office'],
        summary: 'Booking statistics per office and service (visits from `from` to `to`, local dates)',
        security: [{ bearerAuth: [] }],
        querystring: listQuerySchema(['officeName', 'serviceName', 'bookings', 'noShowRate'] as const, {
          from: z.string().optional().describe('First local date, YYYY-MM-DD (default: 30 days ago)'),
          to: z.string().optional().describe('Last local date, YYYY-MM-DD (default: 30 days ahead)'),
          officeId: z.number().int().positive().optional(),
          serviceId: z.number().int().positive().optional(),
        }),
        response: { 200: z.array(bookingStatisticsRow) },
      },
    },
    async (request, reply) => {
      const { sort = ['officeName', 'ASC'], range = [0, 99], filter = {} } = request.query;
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
      const rows = await deps.orm.em
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
      const [field, direction] = sort as ['officeName' | 'serviceName' | 'bookings' | 'noShowRate', string];
      const sign = direction === 'ASC' ? 1 : -1;
      records.sort((a, b) => {
        const x = a[field] ?? -1;
        const y = b[field] ?? -1;
        return (x < y ? -1 : x > y ? 1 : 0) * sign || a.id.localeCompare(b.id);
      });
      const page = records.slice(range[0], range[1] + 1);
      reply.header(
        'Content-Range',
        contentRange('booking-statistics', range[0], page.length, records.length),
      );
      return page;
    },
  );
};
