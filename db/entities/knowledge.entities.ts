import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A group of knowledge-base articles (documents, transport, waste…), in the order residents see. */
export const KnowledgeCategory = defineEntity({
  name: 'KnowledgeCategory',
  tableName: 'knowledge_categories',
  properties: {
    code: p.string().primary(),
    namePl: p.string(),
    nameEn: p.string(),
    position: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type KnowledgeCategory = InferEntity<typeof KnowledgeCategory>;

/**
 * An answer about a City Hall service, in Polish and English. The search vectors are generated
 * columns of the table (see the migration), so they are not mapped here and never written.
 */
export const KnowledgeArticle = defineEntity({
  name: 'KnowledgeArticle',
  tableName: 'knowledge_articles',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    slug: p.string().unique(),
    categoryCode: p.string(),
    titlePl: p.string(),
    titleEn: p.string(),
    summaryPl: p.string(),
    summaryEn: p.string(),
    /** Plain text; paragraphs are separated by a blank line. */
    bodyPl: p.text(),
    bodyEn: p.text(),
    /** Other words residents use for the same thing ("meldunek" for "zameldowanie"); searched, not shown. */
    keywords: p.array().columnType('text[]'),
    published: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type KnowledgeArticle = InferEntity<typeof KnowledgeArticle>;
