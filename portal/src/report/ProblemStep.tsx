import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import type { ProblemChoice, ProblemDraft } from './draft';
import { findEvent, searchable, type Suggestion, type Taxonomy } from './report-api';
import { usefulSuggestions } from './useful-suggestions';

type Translate = ReturnType<typeof useI18n>['t'];
type Pick = ReturnType<typeof useI18n>['pick'];

/** The name of what the resident chose, in the portal's language. */
export function choiceName(
  choice: ProblemChoice,
  taxonomy: Taxonomy | null,
  t: Translate,
  pick: Pick,
): string {
  if (choice.eventCode) return pick(findEvent(taxonomy, choice.eventCode)?.name) || choice.eventCode;
  if (choice.kind === 'INCIDENT') return t('report.problem.unknownName');
  return pick(taxonomy?.kinds.find((kind) => kind.code === choice.kind)?.name) || choice.kind;
}

const sameChoice = (a: ProblemChoice | null, b: ProblemChoice) =>
  a !== null && a.kind === b.kind && a.eventCode === b.eventCode;

/**
 * Step 2: what the problem is. Three ways to the same choice: browse the city's list (narrowed by
 * a filter), describe it and pick one of the suggestions, or leave it to the contact center.
 */
export function ProblemStep({
  taxonomy,
  taxonomyError,
  problem,
  onChange,
  onBack,
  onNext,
  checkingNearby,
}: {
  taxonomy: Taxonomy | null;
  taxonomyError: unknown;
  problem: ProblemDraft;
  onChange(update: (problem: ProblemDraft) => ProblemDraft): void;
  onBack(): void;
  onNext(): void;
  checkingNearby: boolean;
}) {
  const { t, pick, lang } = useI18n();
  const [stepError, setStepError] = useState<string | null>(null);
  const [freeTextError, setFreeTextError] = useState<string | null>(null);
  const [suggesting, setSuggesting] = useState(false);
  const [suggestError, setSuggestError] = useState<unknown>(null);

  const choose = (choice: ProblemChoice) => {
    setStepError(null);
    onChange((current) => ({ ...current, choice }));
  };

  async function suggest(event: FormEvent) {
    event.preventDefault();
    const text = problem.freeText.trim();
    if (text.length < 3) {
      setFreeTextError(t('report.problem.freeTextTooShort'));
      return;
    }
    setFreeTextError(null);
    setSuggestError(null);
    setSuggesting(true);
    try {
      const found = await api<{ suggestions: Suggestion[] }>('/api/v1/classify', {
        method: 'POST',
        body: { text, language: lang },
      });
      onChange((current) => ({ ...current, suggestions: usefulSuggestions(found.suggestions) }));
    } catch (failure) {
      setSuggestError(failure);
    } finally {
      setSuggesting(false);
    }
  }

  function next() {
    if (!problem.choice) {
      setStepError(t('report.problem.required'));
      return;
    }
    onNext();
  }

  const filter = searchable(problem.filter.trim());
  const subcategories = (taxonomy?.subcategories ?? [])
    .map((sub) => ({
      ...sub,
      events: filter
        ? sub.events.filter((event) => searchable(`${event.name.pl} ${event.name.en}`).includes(filter))
        : sub.events,
    }))
    .filter((sub) => sub.events.length > 0);
  const matching = subcategories.reduce((count, sub) => count + sub.events.length, 0);
  const unknown: ProblemChoice = { kind: 'INCIDENT', eventCode: null };

  return (
    <>
      <p role="status" className="chosen-problem" data-testid="chosen-problem">
        {problem.choice
          ? t('report.problem.chosen', { name: choiceName(problem.choice, taxonomy, t, pick) })
          : t('report.problem.chosenNone')}
      </p>

      <section aria-labelledby="browse-heading">
        <h3 id="browse-heading">{t('report.problem.browseHeading')}</h3>
        {taxonomyError ? (
          <ErrorNotice error={taxonomyError} />
        ) : !taxonomy ? (
          <Loading />
        ) : (
          <>
            <div className="field">
              <label htmlFor="problem-filter">{t('report.problem.filterLabel')}</label>
              <span id="problem-filter-hint" className="hint">
                {t('report.problem.filterHint')}
              </span>
              <input
                id="problem-filter"
                type="search"
                autoComplete="off"
                aria-describedby="problem-filter-hint"
                value={problem.filter}
                onChange={(event) => {
                  const value = event.target.value;
                  onChange((current) => ({ ...current, filter: value }));
                }}
              />
            </div>
            <p role="status" className="search-status">
              {filter
                ? matching
                  ? t('report.problem.filterCount', { count: matching })
                  : t('report.problem.filterNone', { query: problem.filter.trim() })
                : ''}
            </p>
            {matching > 0 ? (
              <fieldset className="event-choices">
                <legend>{t('report.problem.typesLegend')}</legend>
                {subcategories.map((sub) => (
                  <fieldset key={sub.code} className="event-choices__group">
                    <legend>{pick(sub.name)}</legend>
                    {sub.events.map((event) => (
                      <div key={event.code} className="radio">
                        <input
                          type="radio"
                          id={`event-${event.code}`}
                          name="eventCode"
                          value={event.code}
                          checked={problem.choice?.eventCode === event.code}
                          onChange={() => choose({ kind: 'INCIDENT', eventCode: event.code })}
                        />
                        <label htmlFor={`event-${event.code}`}>{pick(event.name)}</label>
                      </div>
                    ))}
                  </fieldset>
                ))}
              </fieldset>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="describe-heading">
        <h3 id="describe-heading">{t('report.problem.describeHeading')}</h3>
        <form onSubmit={(event) => void suggest(event)} noValidate>
          <div className="field">
            <label htmlFor="free-text">{t('report.problem.freeTextLabel')}</label>
            <span id="free-text-hint" className="hint">
              {t('report.problem.freeTextHint')}
            </span>
            <textarea
              id="free-text"
              maxLength={4000}
              aria-describedby={`free-text-hint${freeTextError ? ' free-text-error' : ''}`}
              aria-invalid={freeTextError ? true : undefined}
              value={problem.freeText}
              onChange={(event) => {
                const value = event.target.value;
                onChange((current) => ({ ...current, freeText: value }));
              }}
            />
            {freeTextError ? (
              <span id="free-text-error" className="field-error">
                {freeTextError}
              </span>
            ) : null}
          </div>
          <button type="submit" className="button button--secondary" disabled={suggesting}>
            {t('report.problem.suggest')}
          </button>
        </form>
        <p role="status" className="search-status">
          {suggesting
            ? t('report.problem.suggesting')
            : problem.suggestions === null
              ? ''
              : problem.suggestions.length
                ? t('report.problem.suggestionsFound', { count: problem.suggestions.length })
                : t('report.problem.suggestionsNone')}
        </p>
        <ErrorNotice error={suggestError} />
        {problem.suggestions && problem.suggestions.length > 0 ? (
          <ul className="choice-list" aria-label={t('report.problem.suggestionsHeading')}>
            {problem.suggestions.map((suggestion) => {
              const choice = { kind: suggestion.kind, eventCode: suggestion.eventCode };
              return (
                <li key={`${suggestion.kind}-${suggestion.eventCode}`}>
                  <button
                    type="button"
                    className="choice-list__button"
                    aria-pressed={sameChoice(problem.choice, choice)}
                    onClick={() => choose(choice)}
                  >
                    <span className="choice-list__main">{choiceName(choice, taxonomy, t, pick)}</span>
                    <span className="choice-list__detail">
                      {t('report.problem.confidence', { percent: Math.round(suggestion.confidence * 100) })}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="unknown-heading">
        <h3 id="unknown-heading">{t('report.problem.unknownHeading')}</h3>
        <button
          type="button"
          className="button button--secondary"
          aria-pressed={sameChoice(problem.choice, unknown)}
          onClick={() => choose(unknown)}
        >
          {t('report.problem.unknown')}
        </button>
      </section>

      {stepError ? (
        <p role="alert" className="notice notice--error">
          {stepError}
        </p>
      ) : null}
      {checkingNearby ? (
        <p role="status" className="muted">
          {t('report.problem.loadingNearby')}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('common.actions.back')}
        </button>
        <button type="button" className="button" onClick={next} disabled={checkingNearby}>
          {t('report.problem.next')}
        </button>
      </div>
    </>
  );
}
