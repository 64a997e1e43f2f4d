import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DashboardStatistics, MAX_CSV_CASES, type CsvFile } from '../../../services/statistics/dashboard';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import {
  contactsPerYearQuery,
  contactsPerYearResponse,
  csvQuery,
  csvResponse,
  onTimeResponse,
  overviewQuery,
  overviewResponse,
  periodQuery,
  ratingsResponse,
  volumeQuery,
  volumeResponse,
} from './statistics.schemas';

function sendCsv(reply: FastifyReply, file: CsvFile): FastifyReply {
  return reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${file.name}"`)
    .header('Cache-Control', 'no-store')
    .send(file.body);
}

/**
 * Figures for the managers' dashboard: open cases by SLA state, breaches and escalations, on-time
 * rate per unit, volumes over time, contacts per year. Each table also as CSV. Aggregates run in
 * PostgreSQL over indexed ranges, so they stay quick on millions of cases.
 */
export const statisticsRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'MANAGER', 'CLERK', 'UNIT_STAFF');
  const statistics = new DashboardStatistics(deps.orm);
  const common = { tags: ['back office'], security: [{ bearerAuth: [] }] };
  const csv = { ...common, produces: ['text/csv'], response: { 200: csvResponse } };

  app.get(
    '/statistics/overview',
    {
      preHandler: readers,
      schema: {
        ...common,
        summary: 'Open cases by SLA state, breaches and escalations today and this week, cases at risk',
        querystring: overviewQuery,
        response: { 200: overviewResponse },
      },
    },
    async (request) => statistics.overview(request.staff!, request.query),
  );

  app.get(
    '/statistics/overview.csv',
    {
      preHandler: readers,
      schema: {
        ...csv,
        summary: 'The overview figures as CSV',
        querystring: overviewQuery.extend(csvQuery),
      },
    },
    async (request, reply) => sendCsv(reply, await statistics.overviewCsv(request.staff!, request.query)),
  );

  app.get(
    '/statistics/open-cases.csv',
    {
      preHandler: readers,
      schema: {
        ...csv,
        summary: `Open cases at risk or breached, by resolution deadline (at most ${MAX_CSV_CASES})`,
        querystring: overviewQuery.extend({ ...csvQuery, slaState: z.enum(['AT_RISK', 'BREACHED']) }),
      },
    },
    async (request, reply) => sendCsv(reply, await statistics.openCasesCsv(request.staff!, request.query)),
  );

  app.get(
    '/statistics/on-time',
    {
      preHandler: readers,
      schema: {
        ...common,
        summary: 'Cases resolved on time (SLA met) and late per unit, by day of resolution',
        querystring: periodQuery,
        response: { 200: onTimeResponse },
      },
    },
    async (request) => statistics.onTime(request.staff!, request.query),
  );

  app.get(
    '/statistics/on-time.csv',
    {
      preHandler: readers,
      schema: { ...csv, summary: 'On-time rate per unit as CSV', querystring: periodQuery.extend(csvQuery) },
    },
    async (request, reply) => sendCsv(reply, await statistics.onTimeCsv(request.staff!, request.query)),
  );

  app.get(
    '/statistics/volumes',
    {
      preHandler: readers,
      schema: {
        ...common,
        summary:
          'Cases filed per day, week or month by channel, kind, status, district, event or unit (city-wide with office bookings as cases of kind BOOKING)',
        querystring: volumeQuery,
        response: { 200: volumeResponse },
      },
    },
    async (request) => statistics.volumes(request.staff!, request.query),
  );

  app.get(
    '/statistics/volumes.csv',
    {
      preHandler: readers,
      schema: { ...csv, summary: 'Volumes over time as CSV', querystring: volumeQuery.extend(csvQuery) },
    },
    async (request, reply) => sendCsv(reply, await statistics.volumesCsv(request.staff!, request.query)),
  );

  app.get(
    '/statistics/contacts-per-year',
    {
      preHandler: readers,
      schema: {
        ...common,
        summary: 'Contacts per calendar year and the share of each channel',
        querystring: contactsPerYearQuery,
        response: { 200: contactsPerYearResponse },
      },
    },
    async (request) => statistics.contactsPerYear(request.staff!, request.query),
  );

  app.get(
    '/statistics/contacts-per-year.csv',
    {
      preHandler: readers,
      schema: {
        ...csv,
        summary: 'Contacts per year and channel as CSV',
        querystring: contactsPerYearQuery.extend(csvQuery),
      },
    },
    async (request, reply) =>
      sendCsv(reply, await statistics.contactsPerYearCsv(request.staff!, request.query)),
  );

  app.get(
    '/statistics/ratings',
    {
      preHandler: readers,
      schema: {
        ...common,
        summary:
          "Residents' ratings of resolved cases: average, count and 1–5 distribution per unit and event",
        querystring: periodQuery,
        response: { 200: ratingsResponse },
      },
    },
    async (request) => statistics.ratings(request.staff!, request.query),
  );

  app.get(
    '/statistics/ratings.csv',
    {
      preHandler: readers,
      schema: { ...csv, summary: "Residents' ratings as CSV", querystring: periodQuery.extend(csvQuery) },
    },
    async (request, reply) => sendCsv(reply, await statistics.ratingsCsv(request.staff!, request.query)),
  );
};
