import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import { TextArea } from './ResidentForms';
import type { TrackedCase } from './track-api';
import { useDates } from './useDates';

/** The API's limit on a rating's comment. */
const MAX_COMMENT = 1000;
const SCORES = [1, 2, 3, 4, 5] as const;

/** How the resident rates the handling of a finished case: a score of 1 to 5 and an optional comment. */
export function RatingSection({
  rating,
  onRate,
}: {
  rating: TrackedCase['rating'];
  onRate(score: number, comment: string): Promise<void>;
}) {
  const { t } = useI18n();
  const formatDate = useDates();
  const [editing, setEditing] = useState(!rating);
  const [score, setScore] = useState<number | null>(rating?.score ?? null);
  const [comment, setComment] = useState(rating?.comment ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [thanked, setThanked] = useState(false);
  const firstOption = useRef<HTMLInputElement>(null);
  const name = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (score === null) {
      setProblem(t('track.rating.scoreRequired'));
      firstOption.current?.focus();
      return;
    }
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      await onRate(score, comment);
      setEditing(false);
      setThanked(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="case-section" aria-labelledby="case-rating-heading">
      <h2 id="case-rating-heading">{t('track.rating.heading')}</h2>
      <div role="status">
        {thanked ? <p className="notice notice--ok">{t('track.rating.thanks')}</p> : null}
      </div>
      {rating && !editing ? (
        <div data-testid="stored-rating">
          <p>{t('track.rating.stored', { score: rating.score, date: formatDate(rating.ratedAt) })}</p>
          {rating.comment ? (
            <>
              <p className="muted">{t('track.rating.storedComment')}</p>
              <blockquote className="case-question">{rating.comment}</blockquote>
            </>
          ) : null}
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setThanked(false);
                setEditing(true);
              }}
            >
              {t('track.rating.change')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <fieldset aria-describedby={problem ? `${name}-error` : undefined}>
            <legend>{t('track.rating.legend')}</legend>
            <div className="rating-options">
              {SCORES.map((value, index) => (
                <label key={value} htmlFor={`${name}-${value}`}>
                  <input
                    id={`${name}-${value}`}
                    ref={index === 0 ? firstOption : undefined}
                    type="radio"
                    name={`${name}-score`}
                    value={value}
                    checked={score === value}
                    required
                    aria-invalid={problem ? true : undefined}
                    onChange={() => setScore(value)}
                  />
                  {t(`track.rating.scores.${value}`)}
                </label>
              ))}
            </div>
            {problem ? (
              <p id={`${name}-error`} className="field-error">
                {problem}
              </p>
            ) : null}
          </fieldset>
          <TextArea
            id="case-rating-comment"
            label={`${t('track.rating.comment')} (${t('common.optional')})`}
            hint={t('track.rating.commentHint', { max: MAX_COMMENT })}
            value={comment}
            maxLength={MAX_COMMENT}
            onChange={setComment}
          />
          <ErrorNotice error={error} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('track.rating.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
