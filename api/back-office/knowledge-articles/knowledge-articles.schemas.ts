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

/** Trimmed text of a knowledge-base form, with the messages its editors read. */
export const knowledgeText = (min: number, max: number) =>
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
  titlePl: knowledgeText(3, 200),
  titleEn: knowledgeText(3, 200),
  summaryPl: knowledgeText(3, 500),
  summaryEn: knowledgeText(3, 500),
  bodyPl: knowledgeText(3, 20000),
  bodyEn: knowledgeText(3, 20000),
  keywords: z.array(knowledgeText(2, 60)).max(30, 'at most 30 keywords'),
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
