import { api } from '../api';
import type { Language } from '../i18n/i18n';
import type { Article, ArticleSummary, CreatedCase, KnowledgeCategory } from '../api-types';

export type { Article, ArticleSummary, CreatedCase, KnowledgeCategory } from '../api-types';

export const fetchCategories = () =>
  api<{ items: KnowledgeCategory[] }>('/api/v1/knowledge/categories').then((answer) => answer.items);

export const searchArticles = (query: { q?: string; category?: string; lang: Language }) =>
  api<{ items: ArticleSummary[] }>('/api/v1/knowledge/articles', {
    query: { ...query, limit: 200 },
  }).then((answer) => answer.items);

export const fetchArticle = (slug: string) =>
  api<Article>(`/api/v1/knowledge/articles/${encodeURIComponent(slug)}`);

/** A question nobody answered becomes an INFORMATION case; the key makes a retried send file it once. */
export const askQuestion = (
  question: { description: string; email?: string; name?: string; language: Language },
  idempotencyKey: string,
) =>
  api<CreatedCase>('/api/v1/cases', {
    method: 'POST',
    headers: { 'idempotency-key': idempotencyKey },
    body: {
      kind: 'INFORMATION',
      channel: 'PORTAL',
      description: question.description,
      language: question.language,
      ...(question.email || question.name
        ? {
            contact: {
              ...(question.email ? { email: question.email } : {}),
              ...(question.name ? { name: question.name } : {}),
            },
          }
        : {}),
    },
  });

/** Paragraphs of an article body, as the back office writes them: separated by a blank line. */
export const paragraphs = (body: string) =>
  body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);

/** The portal's path of a case page: the number's slash becomes a dash, the token rides along. */
export const trackingPath = (number: string, token: string) =>
  `/track/${number.replace('/', '-')}?token=${encodeURIComponent(token)}`;
