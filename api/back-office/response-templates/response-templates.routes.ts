import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { responseTemplates } from '../../../services/configuration/response-templates';
import type { AppDeps } from '../../app';
import { configurationRoutes } from '../configuration-routes';
import {
  createResponseTemplateBody,
  responseTemplateListQuery,
  responseTemplateRecord,
  templateIdParams,
  updateResponseTemplateBody,
} from './response-templates.schemas';

/** Texts clerks and unit staff start their notes to residents from. */
export const responseTemplateRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  configurationRoutes(app, deps, {
    resource: 'response-templates',
    service: responseTemplates,
    record: responseTemplateRecord,
    params: templateIdParams,
    query: responseTemplateListQuery,
    create: createResponseTemplateBody,
    update: updateResponseTemplateBody,
    summaries: {
      list: 'Response templates (clerks and unit staff see the active ones)',
      get: 'One response template',
      create: 'Add a response template',
      update: 'Change a response template',
      remove: 'Remove a response template (notes written from it keep their text)',
    },
  });
};
