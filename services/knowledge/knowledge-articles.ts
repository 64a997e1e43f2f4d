import { KnowledgeArticle, KnowledgeCategory } from '../../db/entities';
import { AppError } from '../../domain/errors';
import { filterWhere, otherThan } from '../configuration/config-records';
import { configurationService } from '../configuration/config-service';
import { conflict } from '../configuration/refusals';
import { matchingArticleIds } from './knowledge-search';

/**
 * The knowledge base in the back office: administrators and managers write the articles residents
 * read in the portal; clerks read them to answer callers. Every change is audited.
 */

const audited = (article: KnowledgeArticle) => ({
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
});

const takenSlug = (slug: string) => `an article with the slug "${slug}" exists already`;

/** A wrong category is the request's mistake, named like a schema error. */
const unknownCategory = (code: string) =>
  new AppError('UNPROCESSABLE', `Invalid categoryCode: unknown category "${code}"`, {
    fields: [{ field: 'categoryCode', message: `unknown category "${code}"` }],
  });

/** The articles' list (published or not), each article and its changes, each audited. */
export const knowledgeArticleRecords = configurationService({
  entity: KnowledgeArticle,
  resource: 'knowledge-articles',
  key: 'id',
  noun: 'knowledge-base article',
  audited,
  present: (article) => ({
    id: article.id,
    ...audited(article),
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
  }),
  page: { defaultSort: 'slug' },
  async where({ q, ...filter }, _viewer, em) {
    const where = filterWhere(filter);
    if (q) {
      // The residents' search (diacritics and endings ignored), or a slug typed in part.
      const ids = await matchingArticleIds(em, String(q));
      where.$or = [{ slug: { $ilike: `%${String(q)}%` } }, ...(ids.length ? [{ id: { $in: ids } }] : [])];
    }
    return where;
  },
  /** The category exists, then the slug is free (the article's own aside). */
  async refusal(em, article, id) {
    if (!(await em.count(KnowledgeCategory, { code: article.categoryCode }))) {
      return unknownCategory(article.categoryCode);
    }
    const taken = await em.count(KnowledgeArticle, {
      slug: article.slug,
      ...otherThan(id as string | undefined),
    });
    return taken ? conflict('slug', takenSlug(article.slug)) : null;
  },
  refusals: (article) => ({ unique: { field: 'slug', message: takenSlug(article.slug) } }),
});
