import { z } from 'zod';
import { CATEGORY_CODE } from '../../knowledge/knowledge.schemas';
import { knowledgeText } from '../knowledge-articles/knowledge-articles.schemas';
import { listQuerySchema } from '../list-query';

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
  namePl: knowledgeText(2, 200),
  nameEn: knowledgeText(2, 200),
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
