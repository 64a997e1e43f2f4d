import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { slaPolicies } from '../../../services/configuration/sla-policies';
import type { AppDeps } from '../../app';
import { configurationRoutes } from '../configuration-routes';
import {
  createSlaPolicyBody,
  policyIdParams,
  slaPolicyListQuery,
  slaPolicyRecord,
  updateSlaPolicyBody,
} from './sla-policies.schemas';

/**
 * SLA policies. A case's clock is computed once, from the policy in force when it starts (routing,
 * reopening); running clocks keep their deadlines when a policy changes.
 */
export const slaPolicyRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  configurationRoutes(app, deps, {
    resource: 'sla-policies',
    service: slaPolicies,
    record: slaPolicyRecord,
    params: policyIdParams,
    query: slaPolicyListQuery,
    create: createSlaPolicyBody,
    update: updateSlaPolicyBody,
    summaries: {
      list: 'SLA policies',
      get: 'One SLA policy',
      create: 'Add an SLA policy (applies to clocks started from now on)',
      update: 'Change an SLA policy (applies to clocks started from now on; running clocks keep theirs)',
      remove: 'Remove an SLA policy no case was timed by (409 otherwise: deactivate it instead)',
    },
  });
};
