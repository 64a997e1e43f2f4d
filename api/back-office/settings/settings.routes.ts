import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { District } from '../../../db/entities';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { tileAttribution } from './map-tiles';
import { backOfficeSettings } from './settings.schemas';

/** `GET /api/settings`: the installation's settings the back office shows (map tiles, districts). */
export const settingsRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  app.get(
    '/settings',
    {
      preHandler: requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF'),
      schema: {
        tags: ['back office'],
        summary: 'Settings of the back office (map tiles, districts)',
        security: [{ bearerAuth: [] }],
        response: { 200: backOfficeSettings },
      },
    },
    async () => {
      const districts = await deps.orm.em.fork().find(District, {}, { orderBy: { name: 'asc' } });
      return {
        mapTileUrl: deps.config.map.tileUrl,
        mapAttribution: tileAttribution(deps.config.map.tileUrl),
        districts: districts.map((district) => district.name),
      };
    },
  );
};
