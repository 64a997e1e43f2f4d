import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type Ref } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import { fetchCase, rateCase, reopenCase, sendReply, type TrackedCase } from './track-api';
import { TrackForm } from './TrackPage';
import './track.css';

/** The API's limit on a rating's comment. */
const MAX_COMMENT = 1000;
const SCORES = [1, 2, 3, 4, 5] as const;
/** A reply is taken by the case's workflow a moment after the API accepts it. */
const REPLY_POLL_MS = 700;
const REPLY_POLL_TRIES = 15;

/** Dates as the city states them: the portal's language, Warsaw time. */
function useDates() {
  const { lang } = useI18n();
  const locale = lang === 'pl' ? 'pl-PL' : 'en-GB';
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Warsaw',
  });
  return (iso: string) => dateTime.format(new Date(iso));
}

/** A text area with its label, hint and error tied to it for screen readers. */
function TextArea(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  value: string;
  maxLength?: number;
  required?: boolean;
  onChange(value: string): void;
  inputRef?: Ref<HTMLTextAreaElement>;
}) {
  const { id, label, hint, error } = props;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      <textarea
        id={id}
        ref={props.inputRef}
        value={props.value}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/**
 * One text and a button, as both the reply to the unit and the reopen request are: the text is
 * checked before sending (focus back on it when it is not enough), the API's refusal is shown.
 */
function TextSubmitForm({
  id,
  label,
  hint,
  minLength,
  tooShort,
  submitLabel,
  secondary = false,
  clearAfterSend = false,
  onSubmit,
}: {
  id: string;
  label: string;
  hint: string;
  minLength: number;
  tooShort: string;
  submitLabel: string;
  secondary?: boolean;
  clearAfterSend?: boolean;
  onSubmit(text: string): Promise<void>;
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim().length < minLength) {
      setProblem(tooShort);
      input.current?.focus();
      return;
    }
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      await onSubmit(text.trim());
      if (clearAfterSend) setText('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <TextArea
        id={id}
        label={label}
        hint={hint}
        error={problem}
        value={text}
        maxLength={4000}
        required
        onChange={setText}
        inputRef={input}
      />
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" className={secondary ? 'button button--secondary' : 'button'} disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

function ReplyForm({
  question,
  onSend,
}: {
  question: string | null;
  onSend(message: string): Promise<void>;
}) {
  const { t } = useI18n();
  return (
    <section className="case-section" aria-labelledby="case-info-heading">
      <h2 id="case-info-heading">{t('track.info.heading')}</h2>
      {question ? (
        <>
          <p className="muted">{t('track.info.question')}</p>
          <blockquote className="case-question" data-testid="info-request">
            {question}
          </blockquote>
        </>
      ) : null}
      <TextSubmitForm
        id="case-reply"
        label={t('track.info.reply')}
        hint={t('track.info.replyHint')}
        minLength={1}
        tooShort={t('track.info.replyRequired')}
        submitLabel={t('track.info.send')}
        clearAfterSend
        onSubmit={onSend}
      />
    </section>
  );
}

function ReopenForm({ until, onReopen }: { until: string | null; onReopen(reason: string): Promise<void> }) {
  const { t } = useI18n();
  const formatDate = useDates();
  return (
    <section className="case-section" aria-labelledby="case-reopen-heading">
      <h2 id="case-reopen-heading">{t('track.reopen.heading')}</h2>
      {until ? <p>{t('track.reopen.until', { date: formatDate(until) })}</p> : null}
      <TextSubmitForm
        id="case-reopen-reason"
        label={t('track.reopen.reason')}
        hint={t('track.reopen.reasonHint')}
        minLength={3}
        tooShort={t('track.reopen.reasonRequired')}
        submitLabel={t('track.reopen.submit')}
        secondary
        onSubmit={onReopen}
      />
    </section>
  );
}

function RatingSection({
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

function CaseDetails({ data }: { data: TrackedCase }) {
  const { t, pick } = useI18n();
  const formatDate = useDates();
  const place = data.location;
  const coordinates =
    place && place.lat !== null && place.lon !== null
      ? `${place.lat.toFixed(5)}, ${place.lon.toFixed(5)}`
      : null;
  return (
    <section className="case-section" aria-labelledby="case-facts-heading">
      <h2 id="case-facts-heading">{t('track.facts.heading')}</h2>
      <dl className="case-facts">
        <dt>{t('track.facts.kind')}</dt>
        <dd>{t(`track.kind.${data.kind}`)}</dd>
        {data.eventName ? (
          <>
            <dt>{t('track.facts.event')}</dt>
            <dd>{pick(data.eventName)}</dd>
          </>
        ) : null}
        <dt>{t('track.facts.unit')}</dt>
        <dd data-testid="case-unit">
          {data.unit ? pick({ pl: data.unit.name, en: data.unit.nameEn }) : t('track.facts.unitPending')}
        </dd>
        <dt>{t('track.facts.created')}</dt>
        <dd>
          <time dateTime={data.createdAt}>{formatDate(data.createdAt)}</time>
        </dd>
        <dt>{t('track.facts.due')}</dt>
        <dd>
          {data.resolutionDueAt ? (
            <time dateTime={data.resolutionDueAt}>{formatDate(data.resolutionDueAt)}</time>
          ) : (
            t('track.facts.dueNone')
          )}
        </dd>
        <dt>{t('track.facts.place')}</dt>
        <dd data-testid="case-place">{place?.street ?? (coordinates ? '' : t('track.facts.noPlace'))}</dd>
        {coordinates ? (
          <>
            <dt>{t('track.facts.coordinates')}</dt>
            <dd data-testid="case-coordinates">{coordinates}</dd>
          </>
        ) : null}
        {data.district ? (
          <>
            <dt>{t('track.facts.district')}</dt>
            <dd>{data.district}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function History({ history }: { history: TrackedCase['history'] }) {
  const { t } = useI18n();
  const formatDate = useDates();
  const known = (type: string) => t(`track.history.types.${type}`) !== `track.history.types.${type}`;
  return (
    <section className="case-section" aria-labelledby="case-history-heading">
      <h2 id="case-history-heading">{t('track.history.heading')}</h2>
      {history.length === 0 ? (
        <p>{t('track.history.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="case-history">
          {history.map((entry, index) => (
            <li key={`${entry.at}-${index}`} data-event={entry.type}>
              <time dateTime={entry.at}>{formatDate(entry.at)}</time>
              <span className="timeline__title">
                {t(`track.history.types.${known(entry.type) ? entry.type : 'other'}`)}
              </span>
              {entry.note ? <p className="timeline__note">{entry.note}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** One case as its resident sees it, opened by number and token (the acknowledgement e-mail's link). */
export function CaseStatusPage() {
  const { t } = useI18n();
  const formatDate = useDates();
  const { number: slug = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const [data, setData] = useState<TrackedCase | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(Boolean(token));
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const fresh = await fetchCase(slug, token);
      setData(fresh);
      setError(null);
      return fresh;
    } catch (failure) {
      setError(failure);
      return null;
    } finally {
      setLoading(false);
    }
  }, [slug, token]);

  useEffect(() => {
    if (token) void load();
  }, [load, token]);

  if (!token) {
    return (
      <>
        <h1>{t('track.title')}</h1>
        <p className="notice notice--warn">{t('track.form.missingToken')}</p>
        <TrackForm initialNumber={slug.replace('-', '/')} />
      </>
    );
  }

  if (!data) {
    const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <>
        <h1>{t('track.title')}</h1>
        {loading ? <Loading /> : null}
        <ErrorNotice error={notFound ? new Error(t('track.notFound')) : error} />
        {error ? (
          <p>
            <Link to={`/track?number=${encodeURIComponent(slug.replace('-', '/'))}`}>
              {t('track.otherCase')}
            </Link>
          </p>
        ) : null}
      </>
    );
  }

  async function reply(message: string) {
    await sendReply(slug, token, message);
    setDone(t('track.info.sent'));
    // The workflow takes the reply a moment later: follow it until the case moves on.
    for (let attempt = 0; attempt < REPLY_POLL_TRIES; attempt += 1) {
      const fresh = await load();
      if (!fresh || !fresh.awaitingResident) return;
      await new Promise((resolve) => setTimeout(resolve, REPLY_POLL_MS));
    }
  }

  async function reopen(reason: string) {
    await reopenCase(slug, token, reason);
    setDone(t('track.reopen.done'));
    await load();
  }

  async function rate(score: number, comment: string) {
    await rateCase(slug, token, score, comment);
    await load();
  }

  const reopenPassed =
    !data.canReopen &&
    data.reopenUntil !== null &&
    (data.status === 'RESOLVED' || data.status === 'ANSWERED');

  return (
    <>
      <h1>{t('track.caseTitle', { number: data.number })}</h1>
      <section className="case-section" aria-labelledby="case-status-heading">
        <h2 id="case-status-heading">{t('track.status.heading')}</h2>
        <div className="case-status" data-testid="case-status" data-status={data.status}>
          <p className="case-status__label">{t(`track.status.${data.status}.label`)}</p>
          <p>{t(`track.status.${data.status}.text`)}</p>
        </div>
        <div role="status">{done ? <p className="notice notice--ok">{done}</p> : null}</div>
        <ErrorNotice error={error} />
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void load()}
            disabled={loading}
          >
            {t('track.refresh')}
          </button>
          <Link to="/track">{t('track.otherCase')}</Link>
        </div>
      </section>
      {data.awaitingResident ? <ReplyForm question={data.infoRequest} onSend={reply} /> : null}
      <CaseDetails data={data} />
      {data.canRate ? <RatingSection rating={data.rating} onRate={rate} /> : null}
      {data.canReopen ? <ReopenForm until={data.reopenUntil} onReopen={reopen} /> : null}
      {reopenPassed ? <p>{t('track.reopen.closed', { date: formatDate(data.reopenUntil!) })}</p> : null}
      <History history={data.history} />
    </>
  );
}
