import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { districts, units } from '../../../services/configuration/units';
import type { AppDeps } from '../../app';
import { configurationRoutes } from '../configuration-routes';
import {
  createUnitBody,
  districtListQuery,
  districtRecord,
  unitCodeParams,
  unitListQuery,
  unitRecord,
  updateUnitBody,
} from './units.schemas';

/** The city's units, as react-admin lists them (the id is the unit's code); administrators edit them. */
export const unitRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  configurationRoutes(app, deps, {
    resource: 'units',
    service: units,
    record: unitRecord,
    params: unitCodeParams,
    query: unitListQuery,
    create: createUnitBody,
    update: updateUnitBody,
    summaries: {
      list: 'List units',
      get: 'One unit',
      create: 'Add a unit',
      update: 'Change a unit; a deactivated unit gets no new cases (routing skips it)',
    },
  });
  configurationRoutes(app, deps, {
    resource: 'districts',
    // Reference data: listed, never changed through the API.
    service: { list: districts.list },
    record: districtRecord,
    query: districtListQuery,
    summaries: { list: "The city's districts" },
  });
};
