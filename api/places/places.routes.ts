import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { warsawPlaces } from '../../domain/places/warsaw';
import type { AppDeps } from '../app';
import { reverseQuery, reverseResponse, streetSearchQuery, streetSearchResponse } from './places.schemas';

/**
 * The portal's place picker: street search as the resident types, and the district and nearest
 * street of a pin or of "use my location". Answers come from the bundled street list, which
 * changes only with a release, so clients and proxies may keep them for a day.
 */
export const placesRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  await app.register(rateLimit, { global: false });
  // Typing fires a request per key stroke: the reading budget, not the filing one.
  const readingLimit = {
    rateLimit: { max: deps.config.rateLimits.trackingPerMinute, timeWindow: '1 minute' },
  };
  const places = warsawPlaces();

  app.get(
    '/places/streets',
    {
      config: readingLimit,
      schema: {
        tags: ['cases'],
        summary: 'Streets whose name matches the text, best matches first',
        querystring: streetSearchQuery,
        response: { 200: streetSearchResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      const items = places.streets.search(request.query.q, request.query.limit);
      return {
        items: items.map((s) => ({
          name: s.name,
          label: s.label,
          district: s.district,
          lat: s.lat,
          lon: s.lon,
        })),
      };
    },
  );

  app.get(
    '/places/reverse',
    {
      config: readingLimit,
      schema: {
        tags: ['cases'],
        summary: 'Whether a point is in the city, its district and the nearest known street',
        description:
          'The district is estimated from the nearest listed street points until the city loads its district boundaries.',
        querystring: reverseQuery,
        response: { 200: reverseResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      const point = { lat: request.query.lat, lon: request.query.lon };
      const location = places.districts.locate(point);
      const nearest = location.insideCity ? places.streets.nearest(point, 1)[0] : undefined;
      return {
        insideCity: location.insideCity,
        district: location.district,
        street: nearest
          ? {
              name: nearest.street.name,
              label: nearest.street.label,
              district: nearest.street.district,
              lat: nearest.street.lat,
              lon: nearest.street.lon,
              distanceMeters: Math.round(nearest.distanceMeters),
            }
          : null,
      };
    },
  );
};
