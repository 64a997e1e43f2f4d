import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { isSupportedInstant } from '../input-rules';
import { findNearbyOpenCases, OPEN_CASE_STATUSES } from '../../activities/duplicates/nearby-open-cases';
import { Case, CaseEvent, CaseFollower } from '../../db/entities';
import { caseNumberFromSlug } from '../../domain/cases/case-number';
import { AppError } from '../../domain/errors';
import type { AppDeps } from '../app';
import { caseFollowerRoutes } from './case-followers.routes';
import { caseNumberParams, nearbyQuery, nearbyResponse, publicCaseResponse } from './public-map.schemas';

const OPEN: readonly string[] = OPEN_CASE_STATUSES;
const RESOLVED = ['RESOLVED', 'CLOSED'];
/**
 * The map's "resolved" means recently resolved: a year of fixed potholes would bury the open ones,
 * and a resident looks for what the city did lately. Measured by updated_at, the time of the case's
 * last change, which for a resolved or closed case is when it was resolved or closed.
 */
export const RECENTLY_RESOLVED_DAYS = 30;

/** Positions are published to about 10 m (4 decimals), so a report never points at one door. */
const roundPosition = (value: number) => Math.round(value * 10_000) / 10_000;

const bbox = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'must be minLon,minLat,maxLon,maxLat')
  .transform((value) => value.split(',').map(Number) as [number, number, number, number])
  .refine(([minLon, minLat, maxLon, maxLat]) => minLon < maxLon && minLat < maxLat, 'min must be below max')
  .refine(
    ([minLon, minLat, maxLon, maxLat]) =>
      [minLon, maxLon].every((v) => Math.abs(v) <= 180) && [minLat, maxLat].every((v) => Math.abs(v) <= 90),
    'outside WGS84',
  );

const cursor = z
  .string()
  // The shape of what nextCursor gives: a time in milliseconds (in the supported range) and a UUID.
  .regex(
    /^\d{13}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'must be the nextCursor of the previous page',
  )
  .refine(
    (value) => isSupportedInstant(Number(value.slice(0, 13))),
    'must be the nextCursor of the previous page',
  )
  .transform((value) => {
    const [ms, id] = value.split('_');
    return { createdAt: new Date(Number(ms)), id };
  });

const query = z
  .object({
    bbox: bbox.optional(),
    event: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,63}$/)
      .optional(),
    status: z
      .enum(['open', 'resolved', 'all'])
      .default('open')
      .describe(
        `resolved: resolved or closed within the last ${RECENTLY_RESOLVED_DAYS} days; all: open and those`,
      ),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: cursor.optional(),
  })
  .strict();

const mapCase = z.object({
  number: z.string(),
  eventCode: z.string().nullable(),
  status: z.string(),
  lat: z.number(),
  lon: z.number(),
  street: z.string().nullable(),
  district: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/**
 * `GET /api/v1/public/cases`: other residents' reports on a map, as the 19115 app shows them.
 * Anonymised: no description, no contact, no building number, positions rounded to about 10 m.
 * Keyset pages (created_at, id), newest first, so a busy city never pays for an offset.
 * Also the nearby open cases of an event, one case's public view, and following a case.
 */
export const publicMapRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  app.get(
    '/public/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Anonymised reports for a map: bounding box, event and status filters, pages',
        querystring: query,
        response: { 200: z.object({ items: z.array(mapCase), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const where = [`c.kind = 'INCIDENT'`, 'c.lat is not null', 'c.lon is not null'];
      const params: unknown[] = [];
      const open = `c.status in (${OPEN.map(() => '?').join(', ')})`;
      const recentlyResolved = `(c.status in (${RESOLVED.map(() => '?').join(', ')}) and c.updated_at > now() - make_interval(days => ?))`;
      if (q.status === 'open') {
        where.push(open);
        params.push(...OPEN);
      } else if (q.status === 'resolved') {
        where.push(recentlyResolved);
        params.push(...RESOLVED, RECENTLY_RESOLVED_DAYS);
      } else {
        where.push(`(${open} or ${recentlyResolved})`);
        params.push(...OPEN, ...RESOLVED, RECENTLY_RESOLVED_DAYS);
      }
      if (q.bbox) {
        where.push('c.lon between ? and ? and c.lat between ? and ?');
        params.push(q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]);
      }
      if (q.event) {
        where.push('c.event_code = ?');
        params.push(q.event);
      }
      if (q.cursor) {
        where.push('(c.created_at, c.id) < (?, ?)');
        params.push(q.cursor.createdAt, q.cursor.id);
      }
      const rows = await deps.orm.em.fork().execute<
        {
          id: string;
          number: string;
          event_code: string | null;
          status: string;
          lat: number;
          lon: number;
          street: string | null;
          district: string | null;
          created_at: string | Date;
          updated_at: string | Date;
        }[]
      >(
        `select c.id, c.number, c.event_code, c.status, c.lat, c.lon, c.street, c.district, c.created_at, c.updated_at
         from cases c where ${where.join(' and ')} order by c.created_at desc, c.id desc limit ?`,
        [...params, q.limit + 1],
      );
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({
          number: r.number,
          eventCode: r.event_code,
          status: r.status,
          lat: roundPosition(Number(r.lat)),
          lon: roundPosition(Number(r.lon)),
          street: r.street,
          district: r.district,
          createdAt: new Date(r.created_at).toISOString(),
          updatedAt: new Date(r.updated_at).toISOString(),
        })),
        nextCursor:
          rows.length > q.limit && last ? `${new Date(last.created_at).getTime()}_${last.id}` : null,
      };
    },
  );

  app.get(
    '/public/cases/nearby',
    {
      schema: {
        tags: ['cases'],
        summary: 'Open reports of one event near a point, nearest first ("is this your problem?")',
        querystring: nearbyQuery,
        response: { 200: nearbyResponse },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const rows = await findNearbyOpenCases(deps.orm.em.fork(), {
        eventCode: q.event,
        lat: q.lat,
        lon: q.lon,
        radiusMeters: q.radius ?? deps.config.cases.duplicateRadiusMeters * 4,
        // Whatever its age, an open case is the resident's problem still waiting to be fixed.
        windowDays: null,
        limit: 20,
      });
      // Residents decide on a report in seconds; a short cache spares a form that refetches.
      reply.header('cache-control', 'public, max-age=30');
      return {
        items: rows.map((r) => ({
          number: r.number,
          eventCode: r.eventCode,
          status: r.status,
          lat: roundPosition(r.lat),
          lon: roundPosition(r.lon),
          street: r.street,
          district: r.district,
          createdAt: r.createdAt.toISOString(),
          // Exact metres from several points would give away the rounded position.
          distanceMeters: Math.round(r.meters / 10) * 10,
        })),
      };
    },
  );

  app.get(
    '/public/cases/:number',
    {
      schema: {
        tags: ['cases'],
        summary: 'The anonymised public view of one report on the map',
        params: caseNumberParams,
        response: { 200: publicCaseResponse },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork();
      const row = await publicCase(em, request.params.number);
      const [events, followers] = await Promise.all([
        em.find(
          CaseEvent,
          { caseId: row.id, isPublic: true, status: { $ne: null } },
          { orderBy: { id: 'asc' }, fields: ['createdAt', 'status'] },
        ),
        em.count(CaseFollower, { caseId: row.id }),
      ]);
      const history: { at: string; status: string }[] = [];
      for (const event of events) {
        // Only changes of status: notes and who acted stay with the parties to the case.
        if (event.status && history[history.length - 1]?.status !== event.status) {
          history.push({ at: event.createdAt.toISOString(), status: event.status });
        }
      }
      return {
        number: row.number,
        eventCode: row.eventCode ?? null,
        status: row.status,
        street: row.street ?? null,
        district: row.district ?? null,
        lat: roundPosition(Number(row.lat)),
        lon: roundPosition(Number(row.lon)),
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        followers,
        history,
      };
    },
  );

  await app.register(caseFollowerRoutes(deps, publicCase));
};

export type PublicCaseLookup = (em: EntityManager, slug: string) => Promise<Case>;

/**
 * A case other residents may see: a located incident, as on the map (any age, so a follower's
 * link keeps working). Questions, complaints and
 * suggestions are between the resident and the city, so they are "not found" here.
 */
const publicCase: PublicCaseLookup = async (em, slug) => {
  const number = caseNumberFromSlug(slug);
  const row = await em.findOne(Case, {
    number,
    kind: 'INCIDENT',
    lat: { $ne: null },
    lon: { $ne: null },
    // A cancelled report was a mistake or abuse: it leaves the public eye.
    status: { $ne: 'CANCELLED' },
  });
  if (!row) throw new AppError('NOT_FOUND', `No public report ${number}`);
  return row;
};
