import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MAP_CURSOR_MESSAGE,
  mapCases,
  nearbyPublicCases,
  publicCaseDetail,
  RECENTLY_RESOLVED_DAYS,
  type MapCase,
  type MapQuery,
} from '../../services/cases/public-map';
import type { AppDeps } from '../app';
import { sealedReference } from '../public-references';
import { caseFollowerRoutes } from './case-followers.routes';
import {
  caseNumberParams,
  defaultNearbyRadius,
  NEARBY_RADII_METERS,
  nearbyQuery,
  nearbyResponse,
  publicCaseResponse,
} from './public-map.schemas';

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
    cursor: sealedReference(MAP_CURSOR_MESSAGE).optional(),
  })
  .strict() satisfies z.ZodType<MapQuery>;

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
}) satisfies z.ZodType<MapCase>;

/**
 * `GET /api/v1/public/cases`: other residents' reports on a map, as the 19115 app shows them.
 * The public projection (domain/cases/public-view.ts): no description, no contact, no building
 * number, the register's street, positions rounded to about 10 m. Keyset pages (created_at, id),
 * newest first, so a busy city never pays for an offset; the cursor is sealed, as no case id
 * leaves the back office. Also the nearby open cases of an event, one case's public view, and
 * following a case.
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
    async (request) => mapCases(deps, request.query),
  );

  // In a scope of its own: the followers' routes register the rate limit plugin too, and a route
  // under both would be counted twice.
  const nearbyRoute: FastifyPluginAsyncZod = async (scope) => {
    await scope.register(rateLimit, { global: false });
    scope.get(
      '/public/cases/nearby',
      {
        // Each answer tells distances: the reading budget per address keeps anyone from asking from
        // enough points to learn more than the published positions.
        config: { rateLimit: { max: deps.config.rateLimits.trackingPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['cases'],
          summary: 'Open reports of one event near a point, nearest first ("is this your problem?")',
          description:
            'Distances are measured from the published (rounded) positions and rounded to 10 m; ' +
            `radius is one of ${NEARBY_RADII_METERS.join(', ')} metres.`,
          querystring: nearbyQuery,
          response: { 200: nearbyResponse },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const items = await nearbyPublicCases(deps.orm, {
          event: q.event,
          lat: q.lat,
          lon: q.lon,
          radiusMeters: q.radius ?? defaultNearbyRadius(deps.config.cases.duplicateRadiusMeters),
        });
        // Residents decide on a report in seconds; a short cache spares a form that refetches.
        reply.header('cache-control', 'public, max-age=30');
        return { items };
      },
    );
  };
  await app.register(nearbyRoute);

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
    async (request) => publicCaseDetail(deps.orm, request.params.number),
  );

  await app.register(caseFollowerRoutes(deps));
};
