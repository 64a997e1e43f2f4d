import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { KnowledgeArticle } from '../../db/entities';
import { AppError } from '../../domain/errors';
import type { AppDeps } from '../app';
import { searchArticles } from './knowledge-search';
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
      const rows = await (deps.orm.em.fork() as EntityManager).execute<
        { code: string; name_pl: string; name_en: string; articles: string }[]
      >(
        `select c.code, c.name_pl, c.name_en, count(a.id) as articles
           from knowledge_categories c
           left join knowledge_articles a on a.category_code = c.code and a.published
          group by c.code
          order by c.position, c.code`,
      );
      reply.header('cache-control', CACHE);
      return {
        items: rows.map((row) => ({
          code: row.code,
          name: { pl: row.name_pl, en: row.name_en },
          articles: Number(row.articles),
        })),
      };
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
      const { q, category, lang, limit } = request.query;
      const rows = await searchArticles(deps.orm.em.fork() as EntityManager, { q, category, lang, limit });
      reply.header('cache-control', CACHE);
      return {
        items: rows.map((row) => ({
          slug: row.slug,
          category: row.category_code,
          title: { pl: row.title_pl, en: row.title_en },
          summary: { pl: row.summary_pl, en: row.summary_en },
        })),
      };
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
      const article = await deps.orm.em
        .fork()
        .findOne(KnowledgeArticle, { slug: request.params.slug, published: true });
      if (!article)
        throw new AppError('NOT_FOUND', `No article "${request.params.slug}" in the knowledge base`);
      reply.header('cache-control', CACHE);
      return {
        slug: article.slug,
        category: article.categoryCode,
        title: { pl: article.titlePl, en: article.titleEn },
        summary: { pl: article.summaryPl, en: article.summaryEn },
        body: { pl: article.bodyPl, en: article.bodyEn },
        updatedAt: article.updatedAt.toISOString(),
      };
    },
  );
};
