import { KnowledgeArticle } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { AppError } from '../../domain/errors';
import { searchArticles, type KnowledgeLanguage } from './knowledge-search';

type Bilingual = { pl: string; en: string };

/** Categories of the knowledge base, in order, with their number of published articles. */
export async function knowledgeCategories(
  orm: Orm,
): Promise<{ code: string; name: Bilingual; articles: number }[]> {
  const rows = await orm.em
    .fork()
    .execute<{ code: string; name_pl: string; name_en: string; articles: string }[]>(
      `select c.code, c.name_pl, c.name_en, count(a.id) as articles
       from knowledge_categories c
       left join knowledge_articles a on a.category_code = c.code and a.published
      group by c.code
      order by c.position, c.code`,
    );
  return rows.map((row) => ({
    code: row.code,
    name: { pl: row.name_pl, en: row.name_en },
    articles: Number(row.articles),
  }));
}

/** Published articles answering the search box (or a category's, without words), best first. */
export async function findPublishedArticles(
  orm: Orm,
  query: { q?: string; category?: string; lang: KnowledgeLanguage; limit: number },
): Promise<{ slug: string; category: string; title: Bilingual; summary: Bilingual }[]> {
  const rows = await searchArticles(orm.em.fork(), query);
  return rows.map((row) => ({
    slug: row.slug,
    category: row.category_code,
    title: { pl: row.title_pl, en: row.title_en },
    summary: { pl: row.summary_pl, en: row.summary_en },
  }));
}

/** One published article, in Polish and English; NOT_FOUND for a draft or an unknown slug. */
export async function publishedArticle(orm: Orm, slug: string) {
  const article = await orm.em.fork().findOne(KnowledgeArticle, { slug, published: true });
  if (!article) throw new AppError('NOT_FOUND', `No article "${slug}" in the knowledge base`);
  return {
    slug: article.slug,
    category: article.categoryCode,
    title: { pl: article.titlePl, en: article.titleEn },
    summary: { pl: article.summaryPl, en: article.summaryEn },
    body: { pl: article.bodyPl, en: article.bodyEn },
    updatedAt: article.updatedAt.toISOString(),
  };
}
