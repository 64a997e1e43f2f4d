import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KnowledgeArticle, KnowledgeCategory } from '../../../db/entities';
import { AppError } from '../../../domain/errors';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import { matchingArticleIds } from '../../../services/knowledge/knowledge-search';
import { changedFields, conflict, pageOptions, recordConfigChange, refuseDuplicates } from '../configuration';
import { contentRange } from '../list-query';
import {
  articleIdParams,
  categoryIdParams,
  createKnowledgeArticleBody,
  createKnowledgeCategoryBody,
  knowledgeArticleListQuery,
  knowledgeArticleRecord,
  knowledgeCategoryListQuery,
  knowledgeCategoryRecord,
  updateKnowledgeArticleBody,
  updateKnowledgeCategoryBody,
} from './knowledge-articles.schemas';

type ArticleRecord = z.infer<typeof knowledgeArticleRecord>;

const toRecord = (article: KnowledgeArticle): ArticleRecord => ({
  id: article.id,
  slug: article.slug,
  categoryCode: article.categoryCode,
  titlePl: article.titlePl,
  titleEn: article.titleEn,
  summaryPl: article.summaryPl,
  summaryEn: article.summaryEn,
  bodyPl: article.bodyPl,
  bodyEn: article.bodyEn,
  keywords: article.keywords ?? [],
  published: article.published,
  createdAt: article.createdAt.toISOString(),
  updatedAt: article.updatedAt.toISOString(),
});

const auditable = (article: KnowledgeArticle) => {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...fields } = toRecord(article);
  return fields;
};

const takenSlug = (slug: string) => `an article with the slug "${slug}" exists already`;

/** A wrong category is the request's mistake, named like a schema error. */
const unknownCategory = (code: string) =>
  new AppError('UNPROCESSABLE', `Invalid categoryCode: unknown category "${code}"`, {
    fields: [{ field: 'categoryCode', message: `unknown category "${code}"` }],
  });

/**
 * The knowledge base in the back office: administrators and managers write the articles residents
 * read in the portal; clerks read them to answer callers. Every change is audited.
 */
export const knowledgeArticleRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  const readers = requireRole(deps, 'ADMIN', 'MANAGER', 'CLERK');
  const writers = requireRole(deps, 'ADMIN', 'MANAGER');
  const security = [{ bearerAuth: [] }];
  const tags = ['back office'];

  const findArticle = async (em: EntityManager, id: string) => {
    const article = await em.findOne(KnowledgeArticle, { id });
    if (!article) throw new AppError('NOT_FOUND', `No knowledge-base article ${id}`);
    return article;
  };

  const refuseTakenSlug = async (em: EntityManager, slug: string, exceptId?: string) => {
    const taken = await em.count(KnowledgeArticle, { slug, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
    if (taken) throw conflict('slug', takenSlug(slug));
  };

  const requireCategory = async (em: EntityManager, code: string) => {
    if (!(await em.count(KnowledgeCategory, { code }))) throw unknownCategory(code);
  };

  app.get(
    '/knowledge-articles',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Knowledge-base articles, published or not',
        security,
        querystring: knowledgeArticleListQuery,
        response: { 200: z.array(knowledgeArticleRecord) },
      },
    },
    async (request, reply) => {
      const { filter = {} } = request.query;
      const em = deps.orm.em.fork() as EntityManager;
      const where: Record<string, unknown> = {};
      if (filter.id) where.id = { $in: filter.id };
      if (filter.categoryCode) where.categoryCode = filter.categoryCode;
      if (filter.published !== undefined) where.published = filter.published;
      if (filter.q) {
        // The residents' search (diacritics and endings ignored), or a slug typed in part.
        const ids = await matchingArticleIds(em, filter.q);
        where.$or = [{ slug: { $ilike: `%${filter.q}%` } }, ...(ids.length ? [{ id: { $in: ids } }] : [])];
      }
      const { from, options } = pageOptions(request.query, 'slug');
      const [articles, total] = await em.findAndCount(KnowledgeArticle, where, options);
      reply.header('Content-Range', contentRange('knowledge-articles', from, articles.length, total));
      return articles.map(toRecord);
    },
  );

  app.get(
    '/knowledge-articles/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One knowledge-base article',
        security,
        params: articleIdParams,
        response: { 200: knowledgeArticleRecord },
      },
    },
    async (request) => toRecord(await findArticle(deps.orm.em.fork() as EntityManager, request.params.id)),
  );

  app.post(
    '/knowledge-articles',
    {
      preHandler: writers,
      // Like the other configuration resources: a well-formed body with bad content is 422.
      config: { validationStatus: 422 },
      schema: {
        tags,
        summary: 'Add a knowledge-base article (a draft unless published is true)',
        security,
        body: createKnowledgeArticleBody,
        response: { 201: knowledgeArticleRecord },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const em = deps.orm.em.fork() as EntityManager;
      await requireCategory(em, body.categoryCode);
      await refuseTakenSlug(em, body.slug);
      const article = await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const created = tx.create(KnowledgeArticle, body);
            await tx.flush();
            await recordConfigChange(tx, request, {
              resource: 'knowledge-articles',
              recordId: created.id,
              action: 'create',
              changes: changedFields({}, auditable(created)),
            });
            return created;
          }),
        'slug',
        takenSlug(body.slug),
      );
      return reply.status(201).send(toRecord(article));
    },
  );

  app.put(
    '/knowledge-articles/:id',
    {
      preHandler: writers,
      // Like the other configuration resources: a well-formed body with bad content is 422.
      config: { validationStatus: 422 },
      schema: {
        tags,
        summary: 'Change a knowledge-base article',
        security,
        params: articleIdParams,
        body: updateKnowledgeArticleBody,
        response: { 200: knowledgeArticleRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const current = await findArticle(em, request.params.id);
      if (request.body.categoryCode && request.body.categoryCode !== current.categoryCode) {
        await requireCategory(em, request.body.categoryCode);
      }
      if (request.body.slug && request.body.slug !== current.slug) {
        await refuseTakenSlug(em, request.body.slug, current.id);
      }
      const slug = request.body.slug ?? current.slug;
      const article = await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const row = await findArticle(tx, current.id);
            const before = auditable(row);
            tx.assign(row, request.body);
            const changes = changedFields(before, auditable(row));
            if (Object.keys(changes).length) {
              await tx.flush();
              await recordConfigChange(tx, request, {
                resource: 'knowledge-articles',
                recordId: row.id,
                action: 'update',
                changes,
              });
            }
            return row;
          }),
        'slug',
        takenSlug(slug),
      );
      return toRecord(article);
    },
  );

  app.delete(
    '/knowledge-articles/:id',
    {
      preHandler: writers,
      schema: {
        tags,
        summary: 'Remove a knowledge-base article (unpublishing keeps it for later)',
        security,
        params: articleIdParams,
        response: { 200: knowledgeArticleRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      return em.transactional(async (tx) => {
        const article = await findArticle(tx, request.params.id);
        const record = toRecord(article);
        await recordConfigChange(tx, request, {
          resource: 'knowledge-articles',
          recordId: article.id,
          action: 'delete',
          changes: changedFields(auditable(article), {}),
        });
        tx.remove(article);
        return record;
      });
    },
  );

  const findCategory = async (em: EntityManager, code: string) => {
    const category = await em.findOne(KnowledgeCategory, { code });
    if (!category) throw new AppError('NOT_FOUND', `No knowledge-base category ${code}`);
    return category;
  };

  const articleCounts = async (em: EntityManager, codes: string[]) => {
    if (!codes.length) return new Map<string, number>();
    const rows = await em.execute<{ category_code: string; n: string }[]>(
      `select category_code, count(*) as n from knowledge_articles
        where category_code in (${codes.map(() => '?').join(', ')}) group by category_code`,
      codes,
    );
    return new Map(rows.map((row) => [row.category_code, Number(row.n)]));
  };

  const toCategoryRecord = (category: KnowledgeCategory, articles: number) => ({
    id: category.code,
    code: category.code,
    namePl: category.namePl,
    nameEn: category.nameEn,
    position: category.position,
    articles,
  });

  const auditableCategory = (category: KnowledgeCategory) => ({
    namePl: category.namePl,
    nameEn: category.nameEn,
    position: category.position,
  });

  app.get(
    '/knowledge-categories',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'Knowledge-base categories with their number of articles (published or not)',
        security,
        querystring: knowledgeCategoryListQuery,
        response: { 200: z.array(knowledgeCategoryRecord) },
      },
    },
    async (request, reply) => {
      const { filter = {} } = request.query;
      const em = deps.orm.em.fork() as EntityManager;
      const where: Record<string, unknown> = {};
      if (filter.id) where.code = { $in: filter.id };
      if (filter.q) {
        const like = `%${filter.q}%`;
        where.$or = [{ code: { $ilike: like } }, { namePl: { $ilike: like } }, { nameEn: { $ilike: like } }];
      }
      const { from, options } = pageOptions(request.query, 'position', { idColumn: 'code' });
      const [categories, total] = await em.findAndCount(KnowledgeCategory, where, options);
      const counts = await articleCounts(
        em,
        categories.map((category) => category.code),
      );
      reply.header('Content-Range', contentRange('knowledge-categories', from, categories.length, total));
      return categories.map((category) => toCategoryRecord(category, counts.get(category.code) ?? 0));
    },
  );

  app.get(
    '/knowledge-categories/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One knowledge-base category',
        security,
        params: categoryIdParams,
        response: { 200: knowledgeCategoryRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const category = await findCategory(em, request.params.id);
      const counts = await articleCounts(em, [category.code]);
      return toCategoryRecord(category, counts.get(category.code) ?? 0);
    },
  );

  app.post(
    '/knowledge-categories',
    {
      preHandler: writers,
      // Like the other configuration resources: a well-formed body with bad content is 422.
      config: { validationStatus: 422 },
      schema: {
        tags,
        summary: 'Add a knowledge-base category',
        security,
        body: createKnowledgeCategoryBody,
        response: { 201: knowledgeCategoryRecord },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const em = deps.orm.em.fork() as EntityManager;
      const taken = `a category with the code ${body.code} exists already`;
      if (await em.count(KnowledgeCategory, { code: body.code })) throw conflict('code', taken);
      const category = await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const created = tx.create(KnowledgeCategory, body);
            await tx.flush();
            await recordConfigChange(tx, request, {
              resource: 'knowledge-categories',
              recordId: created.code,
              action: 'create',
              changes: changedFields({}, auditableCategory(created)),
            });
            return created;
          }),
        'code',
        taken,
      );
      return reply.status(201).send(toCategoryRecord(category, 0));
    },
  );

  app.put(
    '/knowledge-categories/:id',
    {
      preHandler: writers,
      // Like the other configuration resources: a well-formed body with bad content is 422.
      config: { validationStatus: 422 },
      schema: {
        tags,
        summary: 'Rename or move a knowledge-base category',
        security,
        params: categoryIdParams,
        body: updateKnowledgeCategoryBody,
        response: { 200: knowledgeCategoryRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      const category = await em.transactional(async (tx) => {
        const row = await findCategory(tx, request.params.id);
        const before = auditableCategory(row);
        tx.assign(row, request.body);
        const changes = changedFields(before, auditableCategory(row));
        if (Object.keys(changes).length) {
          await tx.flush();
          await recordConfigChange(tx, request, {
            resource: 'knowledge-categories',
            recordId: row.code,
            action: 'update',
            changes,
          });
        }
        return row;
      });
      const counts = await articleCounts(em, [category.code]);
      return toCategoryRecord(category, counts.get(category.code) ?? 0);
    },
  );

  app.delete(
    '/knowledge-categories/:id',
    {
      preHandler: writers,
      schema: {
        tags,
        summary: 'Remove an empty knowledge-base category (409 while articles are in it)',
        security,
        params: categoryIdParams,
        response: { 200: knowledgeCategoryRecord },
      },
    },
    async (request) => {
      const em = deps.orm.em.fork() as EntityManager;
      return em.transactional(async (tx) => {
        const category = await findCategory(tx, request.params.id);
        const articles = await tx.count(KnowledgeArticle, { categoryCode: category.code });
        if (articles) {
          throw conflict(
            'code',
            `category ${category.code} holds ${articles} article(s): move or remove them first`,
            { usedBy: { articles } },
          );
        }
        await recordConfigChange(tx, request, {
          resource: 'knowledge-categories',
          recordId: category.code,
          action: 'delete',
          changes: changedFields(auditableCategory(category), {}),
        });
        tx.remove(category);
        return toCategoryRecord(category, 0);
      });
    },
  );
};
