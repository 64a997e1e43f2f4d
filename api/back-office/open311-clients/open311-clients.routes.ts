import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { issueOpen311ClientKey, open311Clients } from '../../../services/open311/open311-clients';
import type { AppDeps } from '../../app';
import { CONFIGURATION_ACCESS } from '../configuration-access';
import { configurationRoutes, staffRoute } from '../configuration-routes';
import {
  createOpen311ClientBody,
  open311ClientIdParams,
  open311ClientListQuery,
  open311ClientRecord,
  updateOpen311ClientBody,
} from './open311-clients.schemas';

/** Administrators issue, list and switch off the api keys of Open311 client applications. */
export const open311ClientRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  configurationRoutes(app, deps, {
    resource: 'open311-clients',
    service: open311Clients,
    record: open311ClientRecord,
    params: open311ClientIdParams,
    query: open311ClientListQuery,
    update: updateOpen311ClientBody,
    unprocessable: false,
    summaries: {
      list: 'Open311 client applications',
      get: 'One Open311 client application',
      update: 'Rename a client or switch its key off and on',
    },
  });
  staffRoute(
    app,
    deps,
    {
      method: 'POST',
      url: '/open311-clients',
      roles: CONFIGURATION_ACCESS['open311-clients'].write,
      summary: 'Issue an api key for a new client application (shown once)',
      body: createOpen311ClientBody,
      response: open311ClientRecord,
      status: 201,
    },
    ({ body }, request) => issueOpen311ClientKey(deps, body, request),
  );
};
