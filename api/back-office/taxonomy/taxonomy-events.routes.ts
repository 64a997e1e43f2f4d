import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { taxonomyEvents } from '../../../services/configuration/taxonomy-events';
import type { AppDeps } from '../../app';
import { configurationRoutes } from '../configuration-routes';
import {
  codeParams,
  createTaxonomyEventBody,
  taxonomyEventListQuery,
  taxonomyEventRecord,
  updateTaxonomyEventBody,
} from './taxonomy.schemas';

/**
 * The events of the taxonomy residents report against. Routing takes an event's default unit from
 * its general routing rule (any district), so that rule follows `defaultUnit`.
 */
export const taxonomyEventRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  configurationRoutes(app, deps, {
    resource: 'taxonomy-events',
    service: taxonomyEvents,
    record: taxonomyEventRecord,
    params: codeParams,
    query: taxonomyEventListQuery,
    create: createTaxonomyEventBody,
    update: updateTaxonomyEventBody,
    summaries: {
      list: 'Events of the taxonomy, active or not',
      get: 'One event',
      create: 'Add an event; its general routing rule sends it to the default unit',
      update: 'Change an event; a deactivated event is no longer offered to residents or accepted',
      remove: 'Remove an event no case and no SLA policy uses, with its routing rules (409 otherwise)',
    },
  });
};
