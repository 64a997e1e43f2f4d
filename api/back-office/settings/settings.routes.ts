import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { backOfficeSettings } from '../../../services/configuration/settings';
import type { AppDeps } from '../../app';
import { CONFIGURATION_ACCESS } from '../configuration-access';
import { staffRoute } from '../configuration-routes';
import { backOfficeSettings as backOfficeSettingsRecord } from './settings.schemas';

/** `GET /api/settings`: the installation's settings the back office shows (map tiles, districts). */
export const settingsRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  staffRoute(
    app,
    deps,
    {
      method: 'GET',
      url: '/settings',
      roles: CONFIGURATION_ACCESS.settings.read,
      summary: 'Settings of the back office (map tiles, districts)',
      response: backOfficeSettingsRecord,
    },
    () => backOfficeSettings(deps),
  );
};
