import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Unit } from '../../../db/entities';
import { AppError } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import {
  caseSummaryCsv,
  contactsPerYearCsv,
  onTimeCsv,
  overviewCsv,
  ratingsCsv,
  volumesCsv,
} from './statistics.csv';
import {
  ClosedYearCounts,
  contactsPerYear,
  onTimeByUnit,
  openCasesInSlaState,
  overview,
  residentRatings,
  volumes,
  type Sql,
} from './statistics.queries';
import {
  CITY_TIME_ZONE,
  MAX_DAYS_PER_BUCKET,
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
  type Bucket,
} from './statistics.schemas';

const DAY_MS = 86_400_000;
const MAX_YEARS = 20;
/** Yearly counts of finished years are reused for this long (see ClosedYearCounts). */
const CLOSED_YEAR_TTL_MS = 60 * 60_000;
/** A CSV of open cases is a working list, not a dump of the database. */
const MAX_CSV_CASES = 10_000;

const cityToday = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE }).format(now);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const badQuery = (field: string, message: string) =>
  new AppError('UNPROCESSABLE', `Invalid query.${field}: ${message}`, {
    fields: [{ field: `query.${field}`, message }],
  });

/** The period asked for, 30 days to today by default, refused when reversed or too long to chart. */
function resolvePeriod(
  query: { from?: string; to?: string },
  bucket: Bucket = 'month',
  today = cityToday(),
): { from: string; to: string } {
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -29);
  if (from > to) throw badQuery('from', `${from} is after ${to}`);
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  const max = MAX_DAYS_PER_BUCKET[bucket];
  if (days > max) {
    throw badQuery(
      'to',
      `${days} days is longer than the ${max} days allowed per ${bucket}; pick a larger bucket`,
    );
  }
  return { from, to };
}

function resolveYears(
  query: { fromYear?: number; toYear?: number },
  thisYear = Number(cityToday().slice(0, 4)),
): { fromYear: number; toYear: number } {
  const toYear = query.toYear ?? thisYear;
  const fromYear = query.fromYear ?? toYear - 4;
  if (fromYear > toYear) throw badQuery('fromYear', `${fromYear} is after ${toYear}`);
  if (toYear - fromYear + 1 > MAX_YEARS) throw badQuery('toYear', `at most ${MAX_YEARS} years at once`);
  return { fromYear, toYear };
}

const fileName = (parts: (string | number | null)[]) =>
  `civicflow-${parts
    .filter((part) => part !== null && part !== '')
    .join('-')
    .replace(/[^A-Za-z0-9_-]+/g, '_')}.csv`;

function sendCsv(reply: FastifyReply, name: string, body: Buffer): FastifyReply {
  return reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .header('Cache-Control', 'no-store')
    .send(body);
}

/**
 * Figures for the managers' dashboard: open cases by SLA state, breaches and escalations, on-time
 * rate per unit, volumes over time, contacts per year. Each table also as CSV. Aggregates run in
 * PostgreSQL over indexed ranges, so they stay quick on millions of cases.
 */
export const statisticsRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'MANAGER', 'CLERK', 'UNIT_STAFF');
  const sql = (): Sql => {
    const connection = deps.orm.em.fork().getConnection();
    return {
      execute: async <T>(query: string, params: unknown[]) => (await connection.execute(query, params)) as T,
    };
  };
  const common = { tags: ['back office'], security: [{ bearerAuth: [] }] };
  const closedYears = new ClosedYearCounts(CLOSED_YEAR_TTL_MS);
  const closed = () => ({ cache: closedYears, currentYear: Number(cityToday().slice(0, 4)) });
  const csv = { ...common, produces: ['text/csv'], response: { 200: csvResponse } };

  /** Unit staff get their own unit's figures (of the cases now with it); others any unit or all. */
  async function scopeOf(request: FastifyRequest, unitCode: string | undefined): Promise<string | null> {
    const user = request.staff!;
    if (user.role === 'UNIT_STAFF') {
      if (unitCode && unitCode !== user.unitCode) {
        throw new AppError('FORBIDDEN', 'Unit staff see the figures of their own unit only');
      }
      return user.unitCode;
    }
    if (!unitCode) return null;
    if (!(await deps.orm.em.fork().findOne(Unit, { code: unitCode }))) {
      throw badQuery('unitCode', `there is no unit ${unitCode}`);
    }
    return unitCode;
  }

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
    async (request) => overview(sql(), await scopeOf(request, request.query.unitCode)),
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
    async (request, reply) => {
      const unitCode = await scopeOf(request, request.query.unitCode);
      const data = await overview(sql(), unitCode);
      return sendCsv(
        reply,
        fileName(['overview', unitCode, cityToday()]),
        overviewCsv(data, request.query.separator),
      );
    },
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
    async (request, reply) => {
      const { slaState, separator } = request.query;
      const unitCode = await scopeOf(request, request.query.unitCode);
      const cases = await openCasesInSlaState(sql(), slaState, unitCode, MAX_CSV_CASES);
      return sendCsv(
        reply,
        fileName([`cases-${slaState.toLowerCase()}`, unitCode, cityToday()]),
        caseSummaryCsv(cases, separator),
      );
    },
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
    async (request) =>
      onTimeByUnit(sql(), resolvePeriod(request.query), await scopeOf(request, request.query.unitCode)),
  );

  app.get(
    '/statistics/on-time.csv',
    {
      preHandler: readers,
      schema: { ...csv, summary: 'On-time rate per unit as CSV', querystring: periodQuery.extend(csvQuery) },
    },
    async (request, reply) => {
      const period = resolvePeriod(request.query);
      const unitCode = await scopeOf(request, request.query.unitCode);
      const data = await onTimeByUnit(sql(), period, unitCode);
      return sendCsv(
        reply,
        fileName(['on-time', unitCode, period.from, period.to]),
        onTimeCsv(data, request.query.separator),
      );
    },
  );

  app.get(
    '/statistics/volumes',
    {
      preHandler: readers,
      schema: {
        ...common,
        summary: 'Cases filed per day, week or month by channel, kind, district, event or unit',
        querystring: volumeQuery,
        response: { 200: volumeResponse },
      },
    },
    async (request) => {
      const { bucket, dimension } = request.query;
      const period = resolvePeriod(request.query, bucket);
      return volumes(sql(), { ...period, bucket, dimension }, await scopeOf(request, request.query.unitCode));
    },
  );

  app.get(
    '/statistics/volumes.csv',
    {
      preHandler: readers,
      schema: { ...csv, summary: 'Volumes over time as CSV', querystring: volumeQuery.extend(csvQuery) },
    },
    async (request, reply) => {
      const { bucket, dimension, separator } = request.query;
      const period = resolvePeriod(request.query, bucket);
      const unitCode = await scopeOf(request, request.query.unitCode);
      const data = await volumes(sql(), { ...period, bucket, dimension }, unitCode);
      return sendCsv(
        reply,
        fileName([`volumes-${dimension}-${bucket}`, unitCode, period.from, period.to]),
        volumesCsv(data, separator),
      );
    },
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
    async (request) =>
      contactsPerYear(
        sql(),
        resolveYears(request.query),
        await scopeOf(request, request.query.unitCode),
        closed(),
      ),
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
    async (request, reply) => {
      const years = resolveYears(request.query);
      const unitCode = await scopeOf(request, request.query.unitCode);
      const data = await contactsPerYear(sql(), years, unitCode, closed());
      return sendCsv(
        reply,
        fileName(['contacts-per-year', unitCode, years.fromYear, years.toYear]),
        contactsPerYearCsv(data, request.query.separator),
      );
    },
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
    async (request) =>
      residentRatings(sql(), resolvePeriod(request.query), await scopeOf(request, request.query.unitCode)),
  );

  app.get(
    '/statistics/ratings.csv',
    {
      preHandler: readers,
      schema: { ...csv, summary: "Residents' ratings as CSV", querystring: periodQuery.extend(csvQuery) },
    },
    async (request, reply) => {
      const period = resolvePeriod(request.query);
      const unitCode = await scopeOf(request, request.query.unitCode);
      const data = await residentRatings(sql(), period, unitCode);
      return sendCsv(
        reply,
        fileName(['ratings', unitCode, period.from, period.to]),
        ratingsCsv(data, request.query.separator),
      );
    },
  );
};
