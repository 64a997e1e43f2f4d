import { useCallback, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import { CaseDetails, History } from './CaseFacts';
import { RatingSection } from './RatingSection';
import { ReopenForm, ReplyForm } from './ResidentForms';
import { fetchCase, rateCase, reopenCase, sendReply, type TrackedCase } from './track-api';
import { TrackForm } from './TrackPage';
import { useDates } from './useDates';
import './track.css';

/** A reply is taken by the case's workflow a moment after the API accepts it. */
const REPLY_POLL_MS = 700;
const REPLY_POLL_TRIES = 15;

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
