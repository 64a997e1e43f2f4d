import { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Case, District } from '../../db/entities';
import { AppError } from '../../domain/errors';
import type { AppDeps } from '../app';
import notificationSchema from './notification.schema.json';
import {
  countNotifications,
  loadNotifications,
  type NotificationCursor,
  type NotificationFilter,
} from './notification-records';
import { csvHeader, csvRow, UTF8_BOM } from './notifications-csv';
import {
  MAX_RANGE_DAYS,
  notificationsCsvQuery,
  notificationsPage,
  notificationsQuery,
} from './open-data.schemas';

const DAY_MS = 24 * 60 * 60 * 1000;
const CSV_BATCH = 1000;

const warsawToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayFromNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

function invalidQuery(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `Invalid query.${field}: ${message}`, {
    fields: [{ field: `query.${field}`, message }],
  });
}

/** The date range asked for, or the last 30 days up to today; refused when longer than a year. */
async function resolveFilter(
  em: EntityManager,
  query: { from?: string; to?: string; district?: string },
): Promise<NotificationFilter & { districtSlug: string | null }> {
  const to = query.to ?? warsawToday();
  const from = query.from ?? dayFromNumber(dayNumber(to) - 29);
  if (dayNumber(from) > dayNumber(to)) throw invalidQuery('from', `must not be after to (${to})`);
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days > MAX_RANGE_DAYS) {
    throw invalidQuery(
      'to',
      `the range is ${days} days; at most ${MAX_RANGE_DAYS} days can be asked at once`,
    );
  }
  let districtSlug: string | null = null;
  if (query.district !== undefined) {
    const district = await em.findOne(District, { name: query.district });
    if (!district) throw invalidQuery('district', `unknown district "${query.district}"`);
    districtSlug = district.slug.toLowerCase();
  }
  return { from, to, district: query.district, districtSlug };
}

/**
 * Open data: the city's cases, anonymised, in the layout of its 19115store_getNotifications API
 * (JSON, in pages) and as one CSV file per date range. See notification-records.ts for what is
 * published and why.
 */
export const openDataRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const tags = ['open data'];
  const publicUrl = deps.config.http.publicUrl;
  const city = deps.config.cityName;
  const { $schema, ...schemaRest } = notificationSchema;

  app.get(
    '/open-data/notifications',
    {
      schema: {
        tags,
        summary: 'Anonymised reports and complaints (19115store_getNotifications layout), in pages',
        description:
          'Filters: from/to (Europe/Warsaw days, inclusive, at most 366 days), district. Ordered by ' +
          'filing time, then id; cases are only ever added at the end of that order, so pages of a past ' +
          'range stay the same. `next` is the URL of the following page (it continues after the last ' +
          'record, so following it is fast at any depth), null on the last one.',
        querystring: notificationsQuery,
        response: { 200: notificationsPage },
      },
    },
    async (request, reply) => {
      const { page, pageSize, after } = request.query;
      const em = deps.orm.em.fork() as EntityManager;
      const filter = await resolveFilter(em, request.query);
      if (after && !(await em.count(Case, { id: after }))) {
        throw invalidQuery('after', 'is not a record of this export (take it from a `next` link)');
      }
      // `next` links carry the last record: following them costs the same at any depth, where an
      // offset reads and skips every record before the page.
      const position = after ? { after } : { offset: (page - 1) * pageSize };
      const [total, { records, last }] = await Promise.all([
        countNotifications(em, filter),
        loadNotifications(em, filter, { limit: pageSize, ...position }, city),
      ]);
      const nextQuery = new URLSearchParams({
        from: filter.from,
        to: filter.to,
        ...(filter.district ? { district: filter.district } : {}),
        page: String(page + 1),
        pageSize: String(pageSize),
        ...(last ? { after: last } : {}),
      });
      reply.header('cache-control', 'public, max-age=300');
      return {
        items: records,
        page,
        pageSize,
        total,
        next:
          page * pageSize < total
            ? `${publicUrl}/api/v1/open-data/notifications?${nextQuery.toString()}`
            : null,
      };
    },
  );

  app.get(
    '/open-data/notifications.csv',
    {
      schema: {
        tags,
        summary: 'The same records as one CSV file (UTF-8 with BOM, RFC 4180), one row per case',
        description:
          'Same filters as /open-data/notifications, without pages. The status history is flattened to ' +
          'the current status (status, statusDescription, statusChangeDate); dates are ISO 8601 in UTC.',
        querystring: notificationsCsvQuery,
        produces: ['text/csv'],
        response: {
          // A stream is sent as it is, never serialised; the schema only documents the media type.
          200: {
            description: 'CSV, header row first',
            content: { 'text/csv': { schema: z.instanceof(Readable).meta({ type: 'string' }) } },
          },
        },
      },
    },
    async (request, reply) => {
      const em = deps.orm.em.fork() as EntityManager;
      const filter = await resolveFilter(em, request.query);
      // Keyset batches: a year of a big city's cases is streamed, never held in memory at once.
      async function* rows(): AsyncGenerator<string> {
        yield UTF8_BOM + csvHeader();
        let after: NotificationCursor | undefined;
        for (;;) {
          const { records, last } = await loadNotifications(em, filter, { limit: CSV_BATCH, after }, city);
          if (records.length) yield records.map(csvRow).join('');
          if (records.length < CSV_BATCH || !last) return;
          after = last;
        }
      }
      const name = ['zgloszenia', filter.from, filter.to, filter.districtSlug].filter(Boolean).join('_');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .header('cache-control', 'public, max-age=300')
        .send(Readable.from(rows()));
    },
  );

  app.get(
    '/open-data/notification.schema.json',
    {
      schema: {
        tags,
        summary: 'JSON Schema (draft-07) of one record of /open-data/notifications',
        produces: ['application/schema+json'],
        response: { 200: z.looseObject({}) },
      },
    },
    async (_request, reply) =>
      reply
        .type('application/schema+json; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send({ $schema, $id: `${publicUrl}/api/v1/open-data/notification.schema.json`, ...schemaRest }),
  );
};
