import { z } from 'zod';

/** An article's address in the portal: lower-case letters, digits and single hyphens. */
export const ARTICLE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const CATEGORY_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

const bilingual = z.object({ pl: z.string(), en: z.string() });

export const knowledgeCategoriesResponse = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: bilingual,
      articles: z.number().int().describe('Published articles in the category'),
    }),
  ),
});

export const knowledgeSearchQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Words to look for; diacritics and case do not matter'),
  category: z
    .string()
    .regex(CATEGORY_CODE, 'must be a category code such as DOCUMENTS')
    .optional()
    .describe('Only articles of this category'),
  lang: z.enum(['pl', 'en']).default('pl').describe('The language ranked first; both texts are returned'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const knowledgeArticleSummary = z.object({
  slug: z.string(),
  category: z.string(),
  title: bilingual,
  summary: bilingual,
});

export const knowledgeArticlesResponse = z.object({ items: z.array(knowledgeArticleSummary) });

export const knowledgeArticleParams = z.object({
  slug: z
    .string()
    .max(120)
    .regex(ARTICLE_SLUG, 'must be an article slug such as dowod-osobisty')
    .describe('The article’s address'),
});

export const knowledgeArticleResponse = knowledgeArticleSummary.extend({
  body: bilingual.describe('Plain text; paragraphs are separated by a blank line'),
  updatedAt: z.string(),
});
