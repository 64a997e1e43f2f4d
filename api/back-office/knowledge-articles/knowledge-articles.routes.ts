import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { knowledgeArticleRecords } from '../../../services/knowledge/knowledge-articles';
import type { AppDeps } from '../../app';
import { configurationRoutes } from '../configuration-routes';
import {
  articleIdParams,
  createKnowledgeArticleBody,
  knowledgeArticleListQuery,
  knowledgeArticleRecord,
  updateKnowledgeArticleBody,
} from './knowledge-articles.schemas';

/**
 * The knowledge base in the back office: administrators and managers write the articles residents
 * read in the portal; clerks read them to answer callers. Every change is audited.
 */
export const knowledgeArticleRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  configurationRoutes(app, deps, {
    resource: 'knowledge-articles',
    service: knowledgeArticleRecords,
    record: knowledgeArticleRecord,
    params: articleIdParams,
    query: knowledgeArticleListQuery,
    create: createKnowledgeArticleBody,
    update: updateKnowledgeArticleBody,
    summaries: {
      list: 'Knowledge-base articles, published or not',
      get: 'One knowledge-base article',
      create: 'Add a knowledge-base article (a draft unless published is true)',
      update: 'Change a knowledge-base article',
      remove: 'Remove a knowledge-base article (unpublishing keeps it for later)',
    },
  });
};
