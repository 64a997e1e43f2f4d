import { z } from 'zod';
import { ARTICLE_SLUG, CATEGORY_CODE } from '../../knowledge/knowledge.schemas';
import { listQuerySchema } from '../list-query';

export const knowledgeArticleRecord = z.object({
  id: z.uuid(),
  slug: z.string(),
  categoryCode: z.string(),
  titlePl: z.string(),
  titleEn: z.string(),
  summaryPl: z.string(),
  summaryEn: z.string(),
  bodyPl: z.string(),
  bodyEn: z.string(),
  keywords: z.array(z.string()),
  published: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'is required' : `must have at least ${min} characters`)
    .max(max, `must have at most ${max} characters`);

const articleFields = {
  slug: z
    .string()
    .trim()
    .max(120, 'must have at most 120 characters')
    .regex(ARTICLE_SLUG, 'must be lower-case letters, digits and single hyphens, such as "dowod-osobisty"'),
  categoryCode: z.string().trim().regex(CATEGORY_CODE, 'must be a category code such as DOCUMENTS'),
  titlePl: text(3, 200),
  titleEn: text(3, 200),
  summaryPl: text(3, 500),
  summaryEn: text(3, 500),
  bodyPl: text(3, 20000),
  bodyEn: text(3, 20000),
  keywords: z.array(text(2, 60)).max(30, 'at most 30 keywords'),
  published: z.boolean(),
};

export const createKnowledgeArticleBody = z
  .object({
    ...articleFields,
    keywords: articleFields.keywords.default([]),
    // A new article is a draft until someone publishes it.
    published: articleFields.published.default(false),
  })
  .strict();

/** react-admin sends the whole record back: id and timestamps are ignored, fields left out keep their values. */
export const updateKnowledgeArticleBody = z.object(articleFields).partial();

export const knowledgeArticleListQuery = listQuerySchema(
  ['id', 'slug', 'categoryCode', 'titlePl', 'titleEn', 'published', 'updatedAt'] as const,
  {
    id: z.array(z.uuid()).max(500).optional(),
    categoryCode: z.string().max(40).optional(),
    published: z.boolean().optional(),
    q: z.string().trim().max(200).optional(),
  },
);

export const articleIdParams = z.object({ id: z.uuid() });

export const knowledgeCategoryRecord = z.object({
  id: z.string(),
  code: z.string(),
  namePl: z.string(),
  nameEn: z.string(),
  position: z.number().int(),
  articles: z.number().int(),
});

const categoryFields = {
  code: z.string().trim().regex(CATEGORY_CODE, 'must be upper-case letters, digits and _, such as DOCUMENTS'),
  namePl: text(2, 200),
  nameEn: text(2, 200),
  position: z.number().int().min(0).max(10000),
};

export const createKnowledgeCategoryBody = z
  .object({ ...categoryFields, position: categoryFields.position.default(0) })
  .strict();

/** The code is the key articles refer to: it is chosen once. */
export const updateKnowledgeCategoryBody = z.object(categoryFields).omit({ code: true }).partial();

export const knowledgeCategoryListQuery = listQuerySchema(
  ['id', 'code', 'namePl', 'nameEn', 'position'] as const,
  {
    id: z.array(z.string().max(40)).max(500).optional(),
    q: z.string().trim().max(100).optional(),
  },
);

export const categoryIdParams = z.object({ id: z.string().regex(CATEGORY_CODE, 'must be a category code') });
