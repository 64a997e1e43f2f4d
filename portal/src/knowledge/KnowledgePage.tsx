import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import {
  fetchCategories,
  searchArticles,
  type ArticleSummary,
  type KnowledgeCategory,
} from './knowledge-api';
import './knowledge.css';

/** The link to the question form, carrying what the resident searched for. */
export function askPath(q: string | null | undefined): string {
  return q ? `/help/ask?q=${encodeURIComponent(q)}` : '/help/ask';
}

/** Search box, categories and answers; `?q=` and `?category=` are the state, so results can be linked. */
export function KnowledgePage() {
  const { t, pick, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const category = params.get('category') ?? '';
  const [text, setText] = useState(q);
  const [categories, setCategories] = useState<KnowledgeCategory[] | null>(null);
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => setText(q), [q]);

  useEffect(() => {
    document.title = t('knowledge.search.pageTitle');
  }, [t]);

  useEffect(() => {
    let current = true;
    fetchCategories().then(
      (items) => current && setCategories(items),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    let current = true;
    setArticles(null);
    searchArticles({ q: q || undefined, category: category || undefined, lang }).then(
      (items) => {
        if (!current) return;
        setArticles(items);
        setError(null);
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [q, category, lang]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    if (category) next.set('category', category);
    setParams(next);
  }

  const categoryName = (code: string) => {
    const found = categories?.find((c) => c.code === code);
    return found ? pick(found.name) : code;
  };
  const categoryLink = (code: string | null) => {
    const next = new URLSearchParams();
    if (q) next.set('q', q);
    if (code) next.set('category', code);
    const query = next.toString();
    return query ? `/help?${query}` : '/help';
  };
  const browsing = !q && !category;

  let status = '';
  if (articles === null) status = t('knowledge.results.searching');
  else if (q && articles.length === 0) status = t('knowledge.results.none', { q });
  else if (q && articles.length === 1) status = t('knowledge.results.foundOne', { q });
  else if (q) status = t('knowledge.results.found', { q, count: articles.length });
  else if (category) {
    status = t('knowledge.results.inCategory', { count: articles.length, category: categoryName(category) });
  }

  // A search's outcome goes right under the search box, where the eye is after pressing Enter: on a
  // phone the categories alone fill a screen, and "no answers" below them went unseen. Browsing a
  // category keeps its articles under the categories, where the resident just tapped.
  const searched = Boolean(q);
  const nothingFound = searched && articles !== null && articles.length === 0;

  const results = (
    <section aria-labelledby="knowledge-results-heading">
      <h2 id="knowledge-results-heading" className={browsing ? 'visually-hidden' : undefined}>
        {t('knowledge.results.heading')}
      </h2>
      <p role="status" className={browsing && articles !== null ? 'visually-hidden' : undefined}>
        {status}
      </p>
      <ErrorNotice error={error} />
      {articles === null && !error ? <Loading /> : null}
      {articles && browsing ? <ArticlesByCategory articles={articles} categories={categories ?? []} /> : null}
      {articles && !browsing ? (
        articles.length ? (
          <ul className="knowledge-results">
            {articles.map((article) => (
              <li key={article.slug} className="card">
                <h3>
                  <Link to={`/help/${article.slug}`}>{pick(article.title)}</Link>
                </h3>
                <p>{pick(article.summary)}</p>
                <p className="muted">{categoryName(article.category)}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('knowledge.results.noneHint')}</p>
        )
      ) : null}
    </section>
  );

  const ask = (
    <section className="card knowledge-ask" aria-labelledby="knowledge-ask-heading">
      <h2 id="knowledge-ask-heading">{t('knowledge.notFound.heading')}</h2>
      <p>{t('knowledge.notFound.text')}</p>
      <Link className="button" to={askPath(q)}>
        {t('knowledge.notFound.link')}
      </Link>
    </section>
  );

  return (
    <>
      <h1>{t('knowledge.search.heading')}</h1>
      <p>{t('knowledge.search.intro')}</p>

      <form role="search" className="knowledge-search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="knowledge-q">{t('knowledge.search.label')}</label>
          <span id="knowledge-q-hint" className="hint">
            {t('knowledge.search.hint')}
          </span>
          <input
            id="knowledge-q"
            type="search"
            name="q"
            value={text}
            maxLength={200}
            autoComplete="off"
            aria-describedby="knowledge-q-hint"
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <button type="submit" className="button">
          {t('knowledge.search.button')}
        </button>
      </form>

      {searched ? results : null}
      {nothingFound ? ask : null}

      <nav aria-labelledby="knowledge-categories-heading">
        <h2 id="knowledge-categories-heading">{t('knowledge.categories.heading')}</h2>
        {categories ? (
          <ul className="knowledge-categories">
            <li>
              <Link to={categoryLink(null)} aria-current={category ? undefined : 'page'}>
                {t('knowledge.categories.all')}
              </Link>
            </li>
            {categories
              .filter((c) => c.articles > 0)
              .map((c) => (
                <li key={c.code}>
                  <Link to={categoryLink(c.code)} aria-current={category === c.code ? 'page' : undefined}>
                    {pick(c.name)}
                    <span className="knowledge-count muted">
                      ({t('knowledge.categories.count', { count: c.articles })})
                    </span>
                  </Link>
                </li>
              ))}
          </ul>
        ) : null}
      </nav>

      {searched ? null : results}
      {nothingFound ? null : ask}
    </>
  );
}

/** Without a search, every category with its answers: a resident can browse instead of guessing words. */
function ArticlesByCategory({
  articles,
  categories,
}: {
  articles: ArticleSummary[];
  categories: KnowledgeCategory[];
}) {
  const { pick } = useI18n();
  return (
    <div className="cards">
      {categories
        .map((category) => ({ category, items: articles.filter((a) => a.category === category.code) }))
        .filter(({ items }) => items.length > 0)
        .map(({ category, items }) => (
          <div key={category.code} className="card knowledge-group">
            <h3>{pick(category.name)}</h3>
            <ul>
              {items.map((article) => (
                <li key={article.slug}>
                  <Link to={`/help/${article.slug}`}>{pick(article.title)}</Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
    </div>
  );
}
