import type { EntityManager } from '@mikro-orm/postgresql';
import knowledgeBase from '../seed-data/warsaw/knowledge-base.json';

interface ArticleText {
  title: string;
  summary: string;
  body: string;
}

export interface KnowledgeBaseSeed {
  categories: { code: string; pl: string; en: string; position: number }[];
  articles: { slug: string; category: string; keywords: string[]; pl: ArticleText; en: ArticleText }[];
}

export const WARSAW_KNOWLEDGE_BASE: KnowledgeBaseSeed = knowledgeBase;

/**
 * The Warsaw knowledge base: categories and articles the seed has never inserted before. The seed
 * log, not the tables, decides: an article the city edited is never overwritten, one it deleted does
 * not come back, and one added to the seed data later still arrives at the next start.
 */
export async function seedKnowledgeBase(
  tx: EntityManager,
  seed: KnowledgeBaseSeed = WARSAW_KNOWLEDGE_BASE,
): Promise<{ knowledgeCategories: number; knowledgeArticles: number }> {
  const run = async (sql: string, params: unknown[]) => {
    const result = await tx.execute<{ affectedRows?: number }>(sql, params, 'run');
    return result.affectedRows ?? 0;
  };
  const logged = (item: string) =>
    run('insert into knowledge_seed_log (item) values (?) on conflict do nothing', [item]);
  let knowledgeCategories = 0;
  let knowledgeArticles = 0;
  for (const category of seed.categories) {
    const item = `category:${category.code}`;
    knowledgeCategories += await run(
      `insert into knowledge_categories (code, name_pl, name_en, position)
       select ?, ?, ?, ? where not exists (select 1 from knowledge_seed_log where item = ?)
       on conflict (code) do nothing`,
      [category.code, category.pl, category.en, category.position, item],
    );
    await logged(item);
  }
  for (const article of seed.articles) {
    const item = `article:${article.slug}`;
    // An article whose category the city removed waits (unlogged) until the category is back.
    const [{ present }] = await tx.execute<{ present: boolean }[]>(
      'select exists (select 1 from knowledge_categories where code = ?) as present',
      [article.category],
    );
    if (!present) continue;
    knowledgeArticles += await run(
      `insert into knowledge_articles
         (slug, category_code, title_pl, title_en, summary_pl, summary_en, body_pl, body_en, keywords, published)
       select ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], true
        where not exists (select 1 from knowledge_seed_log where item = ?)
       on conflict (slug) do nothing`,
      [
        article.slug,
        article.category,
        article.pl.title,
        article.en.title,
        article.pl.summary,
        article.en.summary,
        article.pl.body,
        article.en.body,
        toPgArray(article.keywords),
        item,
      ],
    );
    await logged(item);
  }
  return { knowledgeCategories, knowledgeArticles };
}

/** A PostgreSQL array literal: each element quoted, with quotes and backslashes escaped. */
function toPgArray(values: string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
