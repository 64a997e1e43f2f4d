import type { EntityManager } from '@mikro-orm/postgresql';
import { KnowledgeArticle, KnowledgeCategory } from '../../db/entities';
import { configurationService } from '../configuration/config-service';
import { conflict } from '../configuration/refusals';

/** The groups of the knowledge base, in the order residents see them; a code is chosen once. */

export interface KnowledgeCategoryFields {
  namePl: string;
  nameEn: string;
  position: number;
}

const audited = (category: KnowledgeCategory): KnowledgeCategoryFields => ({
  namePl: category.namePl,
  nameEn: category.nameEn,
  position: category.position,
});

const present = (category: KnowledgeCategory, articles: number) => ({
  id: category.code,
  code: category.code,
  ...audited(category),
  articles,
});

/** The number of articles, published or not, in each of these categories. */
async function articleCounts(em: EntityManager, codes: string[]) {
  if (!codes.length) return new Map<string, number>();
  const rows = await em.execute<{ category_code: string; n: string }[]>(
    `select category_code, count(*) as n from knowledge_articles
      where category_code in (${codes.map(() => '?').join(', ')}) group by category_code`,
    codes,
  );
  return new Map(rows.map((row) => [row.category_code, Number(row.n)]));
}

/** Only an empty category goes: its articles would lose their place in the portal. */
async function refuseRemoval(tx: EntityManager, category: KnowledgeCategory) {
  const articles = await tx.count(KnowledgeArticle, { categoryCode: category.code });
  if (articles) {
    throw conflict(
      'code',
      `category ${category.code} holds ${articles} article(s): move or remove them first`,
      {
        usedBy: { articles },
      },
    );
  }
}

/** The categories with their number of articles, each category and its changes, each audited. */
export const knowledgeCategoryRecords = configurationService<
  KnowledgeCategory,
  KnowledgeCategoryFields,
  'code',
  ReturnType<typeof present>,
  KnowledgeCategoryFields & { code: string }
>({
  entity: KnowledgeCategory,
  resource: 'knowledge-categories',
  key: 'code',
  noun: 'knowledge-base category',
  audited,
  // A removed category held no article.
  present: (category) => present(category, 0),
  async presentAll(em, categories) {
    const counts = await articleCounts(
      em,
      categories.map((category) => category.code),
    );
    return categories.map((category) => present(category, counts.get(category.code) ?? 0));
  },
  page: { defaultSort: 'position' },
  search: ['code', 'namePl', 'nameEn'],
  taken: (code) => `a category with the code ${code} exists already`,
  check: refuseRemoval,
});
