import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { previewRouting, routingRules } from '../../../services/configuration/routing-rules';
import type { AppDeps } from '../../app';
import { CONFIGURATION_ACCESS } from '../configuration-access';
import { configurationRoutes, staffRoute } from '../configuration-routes';
import {
  createRoutingRuleBody,
  routingPreview,
  routingPreviewQuery,
  routingRuleListQuery,
  routingRuleRecord,
  ruleIdParams,
  updateRoutingRuleBody,
} from './routing-rules.schemas';

/**
 * Routing rules: which unit gets a new case of an event in a district. The routing activity reads
 * them at every routing, so a change applies to the next case routed, with no restart.
 */
export const routingRuleRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const preview = {
    method: 'GET',
    url: '/routing-rules/preview',
    roles: CONFIGURATION_ACCESS['routing-rules'].read,
    summary: 'Which unit a new case of this event and district would go to now, and by which rule',
  } as const;
  staffRoute(
    app,
    deps,
    { ...preview, querystring: routingPreviewQuery, response: routingPreview },
    ({ query }) => previewRouting(deps, query),
  );
  configurationRoutes(app, deps, {
    resource: 'routing-rules',
    service: routingRules,
    record: routingRuleRecord,
    params: ruleIdParams,
    query: routingRuleListQuery,
    create: createRoutingRuleBody,
    update: updateRoutingRuleBody,
    summaries: {
      list: 'Routing rules',
      get: 'One routing rule',
      create: 'Add a routing rule (applies to the next case routed)',
      update: 'Change or deactivate a routing rule (applies to the next case routed)',
      remove: 'Remove a routing rule (no case refers to rules; routing of open cases is unchanged)',
    },
  });
};
