import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_PHOTOS_PER_CASE } from '../../domain/attachments/photo-limits';
import { districtNames } from '../../services/places/districts';
import type { AppDeps } from '../app';
import { tileAttribution } from '../../domain/places/map-tiles';

const portalSettings = z.object({
  cityName: z.string(),
  mapTileUrl: z.string().nullable().describe('Leaflet URL template of the map tiles'),
  mapAttribution: z.string().nullable().describe('HTML the map must show with the tiles'),
  mapCenter: z.object({ lat: z.number(), lon: z.number() }),
  reopenWindowMinutes: z.number().describe('How long after resolution a resident may reopen a case'),
  maxPhotos: z.number(),
  districts: z.array(z.string()),
});

/** `GET /api/v1/portal/settings`: what residents' apps need to know about this installation. */
export const portalSettingsRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  app.get(
    '/portal/settings',
    {
      schema: {
        tags: ['cases'],
        summary: 'Settings of the residents’ portal (city, map tiles, reopen window, districts)',
        response: { 200: portalSettings },
      },
    },
    async (_request, reply) => {
      const districts = await districtNames(deps.orm);
      reply.header('cache-control', 'public, max-age=300');
      return {
        cityName: deps.config.cityName,
        mapTileUrl: deps.config.map.tileUrl,
        mapAttribution: tileAttribution(deps.config.map.tileUrl),
        mapCenter: deps.config.map.center,
        reopenWindowMinutes: deps.config.cases.reopenWindowMinutes,
        maxPhotos: MAX_PHOTOS_PER_CASE,
        districts,
      };
    },
  );
};
