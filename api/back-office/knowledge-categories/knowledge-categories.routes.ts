import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { knowledgeCategoryRecords } from '../../../services/knowledge/knowledge-categories';
import type { AppDeps } from '../../app';
import { configurationRoutes } from '../configuration-routes';
import {
  categoryIdParams,
  createKnowledgeCategoryBody,
  knowledgeCategoryListQuery,
  knowledgeCategoryRecord,
  updateKnowledgeCategoryBody,
} from './knowledge-categories.schemas';

/**
 * The knowledge base's categories in the back office, in the order residents see them, each with
 * its number of articles (published or not). Every change is audited.
 */
export const knowledgeCategoryRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  configurationRoutes(app, deps, {
    resource: 'knowledge-categories',
    service: knowledgeCategoryRecords,
    record: knowledgeCategoryRecord,
    params: categoryIdParams,
    query: knowledgeCategoryListQuery,
    create: createKnowledgeCategoryBody,
    update: updateKnowledgeCategoryBody,
    summaries: {
      list: 'Knowledge-base categories with their number of articles (published or not)',
      get: 'One knowledge-base category',
      create: 'Add a knowledge-base category',
      update: 'Rename or move a knowledge-base category',
      remove: 'Remove an empty knowledge-base category (409 while articles are in it)',
    },
  });
};
