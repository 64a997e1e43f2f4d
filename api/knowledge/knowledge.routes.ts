import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  findPublishedArticles,
  knowledgeCategories,
  publishedArticle,
} from '../../services/knowledge/knowledge-base';
import type { AppDeps } from '../app';
import {
  knowledgeArticleParams,
  knowledgeArticleResponse,
  knowledgeArticlesResponse,
  knowledgeCategoriesResponse,
  knowledgeSearchQuery,
} from './knowledge.schemas';

const tags = ['knowledge'];
/** Edits in the back office reach residents within a minute; the pages are read far more than changed. */
const CACHE = 'public, max-age=60';

/** The residents' knowledge base of City Hall services: only published articles are visible. */
export const knowledgeRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  app.get(
    '/knowledge/categories',
    {
      schema: {
        tags,
        summary: 'Categories of the knowledge base, in order, with their number of published articles',
        response: { 200: knowledgeCategoriesResponse },
      },
    },
    async (_request, reply) => {
      const items = await knowledgeCategories(deps.orm);
      reply.header('cache-control', CACHE);
      return { items };
    },
  );

  app.get(
    '/knowledge/articles',
    {
      schema: {
        tags,
        summary: 'Search published articles (title matches first), or list a category',
        querystring: knowledgeSearchQuery,
        response: { 200: knowledgeArticlesResponse },
      },
    },
    async (request, reply) => {
      const items = await findPublishedArticles(deps.orm, request.query);
      reply.header('cache-control', CACHE);
      return { items };
    },
  );

  app.get(
    '/knowledge/articles/:slug',
    {
      schema: {
        tags,
        summary: 'One published article, in Polish and English',
        params: knowledgeArticleParams,
        response: { 200: knowledgeArticleResponse },
      },
    },
    async (request, reply) => {
      const article = await publishedArticle(deps.orm, request.params.slug);
      reply.header('cache-control', CACHE);
      return article;
    },
  );
};
