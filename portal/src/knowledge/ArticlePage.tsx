import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import {
  fetchArticle,
  fetchCategories,
  paragraphs,
  type Article,
  type KnowledgeCategory,
} from './knowledge-api';
import { askPath } from './KnowledgePage';
import './knowledge.css';

/** One answer, in the portal's language, with the way back to its category and on to a question. */
export function ArticlePage() {
  const { slug = '' } = useParams();
  const { t, pick, lang } = useI18n();
  const [article, setArticle] = useState<Article | null>(null);
  const [categories, setCategories] = useState<KnowledgeCategory[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    setArticle(null);
    setError(null);
    fetchArticle(slug).then(
      (found) => current && setArticle(found),
      (failure: unknown) => current && setError(failure),
    );
    fetchCategories().then(
      (items) => current && setCategories(items),
      // The breadcrumb falls back to the code; the article itself is what matters.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [slug]);

  useEffect(() => {
    if (article) document.title = pick(article.title);
  }, [article, pick]);

  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return (
      <>
        <h1>{t('common.errors.notFound')}</h1>
        <p>{t('knowledge.article.missing')}</p>
        <p>
          <Link to="/help">{t('knowledge.article.back')}</Link>
        </p>
      </>
    );
  }
  if (error) {
    return (
      <>
        <h1>{t('knowledge.search.pageTitle')}</h1>
        <ErrorNotice error={error} />
      </>
    );
  }
  if (!article) return <Loading />;

  const category = categories.find((c) => c.code === article.category);
  const updated = new Intl.DateTimeFormat(lang === 'pl' ? 'pl-PL' : 'en-GB', { dateStyle: 'long' }).format(
    new Date(article.updatedAt),
  );
  return (
    <article className="knowledge-article">
      <nav aria-label={t('knowledge.article.breadcrumb')} className="knowledge-breadcrumb">
        <ol>
          <li>
            <Link to="/help">{t('knowledge.article.back')}</Link>
          </li>
          <li>
            <Link to={`/help?category=${encodeURIComponent(article.category)}`}>
              {category ? pick(category.name) : article.category}
            </Link>
          </li>
        </ol>
      </nav>
      <h1>{pick(article.title)}</h1>
      <p className="lead">{pick(article.summary)}</p>
      {paragraphs(pick(article.body)).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
      <p className="muted">{t('knowledge.article.updated', { date: updated })}</p>
      <section className="card knowledge-ask" aria-labelledby="knowledge-still-heading">
        <h2 id="knowledge-still-heading">{t('knowledge.article.stillQuestions')}</h2>
        <p>{t('knowledge.article.stillText')}</p>
        <Link className="button" to={askPath(null)}>
          {t('knowledge.notFound.link')}
        </Link>
      </section>
    </article>
  );
}
