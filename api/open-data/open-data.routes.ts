import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notificationsExport, notificationsPage } from '../../services/open-data/open-data-export';
import type { AppDeps } from '../app';
import notificationSchema from './notification.schema.json';
import { csvHeader, csvRow, UTF8_BOM } from './notifications-csv';
import {
  notificationsCsvQuery,
  notificationsPage as notificationsPageSchema,
  notificationsQuery,
} from './open-data.schemas';

/**
 * Open data: the city's cases, anonymised, in the layout of its 19115store_getNotifications API
 * (JSON, in pages) and as one CSV file per date range. See
 * services/open-data/notification-records.ts for what is published and why.
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
        response: { 200: notificationsPageSchema },
      },
    },
    async (request, reply) => {
      const { page, pageSize } = request.query;
      const { filter, records, total, after } = await notificationsPage(deps, request.query, city);
      const nextQuery = new URLSearchParams({
        from: filter.from,
        to: filter.to,
        ...(filter.district ? { district: filter.district } : {}),
        page: String(page + 1),
        pageSize: String(pageSize),
        ...(after ? { after } : {}),
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
      const { filter, batches } = await notificationsExport(deps.orm, request.query, city);
      async function* rows(): AsyncGenerator<string> {
        yield UTF8_BOM + csvHeader();
        for await (const records of batches) yield records.map(csvRow).join('');
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
