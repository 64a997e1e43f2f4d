import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { api } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import type { Street } from './report-api';

const SEARCH_DELAY_MS = 350;

/**
 * Street search as a plain list of result buttons (not a combobox): every result is a real button
 * in the tab order, so it works the same with a keyboard, a screen reader and a finger. The count
 * of results is announced in a status region as they arrive.
 */
export function StreetSearch({
  onChoose,
  inputRef,
}: {
  onChoose(street: Street): void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Street[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchedFor, setSearchedFor] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [tooShort, setTooShort] = useState(false);
  const latestRequest = useRef(0);
  /** A chosen street fills the box with its name: that is not a new search. */
  const skipNextSearch = useRef(false);

  async function search(text: string) {
    const q = text.trim();
    if (q.length < 2) {
      setResults(null);
      return;
    }
    const request = ++latestRequest.current;
    setSearching(true);
    setError(null);
    try {
      const found = await api<{ items: Street[] }>('/api/v1/places/streets', { query: { q, limit: 8 } });
      if (request !== latestRequest.current) return;
      setResults(found.items);
      setSearchedFor(q);
    } catch (failure) {
      if (request !== latestRequest.current) return;
      setResults(null);
      setError(failure);
    } finally {
      if (request === latestRequest.current) setSearching(false);
    }
  }

  useEffect(() => {
    if (skipNextSearch.current) {
      skipNextSearch.current = false;
      return;
    }
    if (query.trim().length < 2) {
      latestRequest.current++;
      setResults(null);
      setSearching(false);
      return;
    }
    const timer = window.setTimeout(() => void search(query), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
    // search only reads state setters and refs
  }, [query]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (query.trim().length < 2) {
      setTooShort(true);
      return;
    }
    void search(query);
  }

  function choose(street: Street) {
    skipNextSearch.current = true;
    latestRequest.current++;
    setQuery(street.label);
    setResults(null);
    setSearching(false);
    onChoose(street);
  }

  const status = searching
    ? t('report.place.searching')
    : results === null
      ? ''
      : results.length === 0
        ? t('report.place.noneFound', { query: searchedFor })
        : results.length === 1
          ? t('report.place.foundOne')
          : t('report.place.found', { count: results.length });

  return (
    <div className="street-search">
      <form role="search" aria-label={t('report.place.searchLabel')} onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="street-query">{t('report.place.streetLabel')}</label>
          <span id="street-query-hint" className="hint">
            {t('report.place.streetHint')}
          </span>
          <div className="inline-row">
            <input
              id="street-query"
              ref={inputRef}
              type="search"
              autoComplete="off"
              value={query}
              aria-describedby={`street-query-hint${tooShort ? ' street-query-error' : ''}`}
              aria-invalid={tooShort ? true : undefined}
              onChange={(event) => {
                setQuery(event.target.value);
                setTooShort(false);
              }}
            />
            <button type="submit" className="button button--secondary">
              {t('common.actions.search')}
            </button>
          </div>
          {tooShort ? (
            <span id="street-query-error" className="field-error">
              {t('report.place.streetTooShort')}
            </span>
          ) : null}
        </div>
      </form>
      <p role="status" className="search-status">
        {status}
      </p>
      <ErrorNotice error={error} />
      {results && results.length > 0 ? (
        <ul className="choice-list" aria-label={t('report.place.resultsLabel')}>
          {results.map((street) => (
            <li key={`${street.name}-${street.district}-${street.lat}`}>
              <button type="button" className="choice-list__button" onClick={() => choose(street)}>
                <span className="choice-list__main">{street.label}</span>
                <span className="choice-list__detail">
                  {t('report.place.inDistrict', { district: street.district })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
