import { Link } from 'react-router';
import { ApiError } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatCoordinates } from '../components/PlaceMap';
import { useI18n } from '../i18n/i18n';
import type { ReportDraft } from './draft';
import { placeAddress } from './PlaceStep';
import { caseSlug, type CreatedCase } from './report-api';

export type Stage = 'place' | 'problem' | 'nearby' | 'details' | 'review' | 'done';

/** The whole report once more, with a way back to each step, and the button that files it. */
export function ReviewStep({
  draft,
  problemName,
  sending,
  sendError,
  onEdit,
  onSend,
}: {
  draft: ReportDraft;
  problemName: string;
  sending: boolean;
  sendError: unknown;
  onEdit(stage: Stage): void;
  onSend(): void;
}) {
  const { t } = useI18n();
  const { place, details } = draft;
  const contact = [details.name, details.email, details.phone].map((v) => v.trim()).filter(Boolean);
  const change = (stage: Stage, what: string) => (
    <button
      type="button"
      className="link-button"
      aria-label={`${t('report.review.edit')}: ${what}`}
      onClick={() => onEdit(stage)}
    >
      {t('report.review.edit')}
    </button>
  );
  return (
    <>
      <dl className="review">
        <div>
          <dt>{t('report.review.place')}</dt>
          <dd>
            {placeAddress({ ...place, district: null }) || '—'}
            {place.point ? <span className="muted"> ({formatCoordinates(place.point)})</span> : null}{' '}
            {change('place', t('report.review.place'))}
          </dd>
        </div>
        <div>
          <dt>{t('report.review.district')}</dt>
          <dd>{place.district ?? t('report.review.unknownDistrict')}</dd>
        </div>
        <div>
          <dt>{t('report.review.problem')}</dt>
          <dd>
            {problemName} {change('problem', t('report.review.problem'))}
          </dd>
        </div>
        <div>
          <dt>{t('report.review.description')}</dt>
          <dd>
            <span className="review__text">
              {details.description.trim() || t('report.review.descriptionDefault')}
            </span>{' '}
            {change('details', t('report.review.description'))}
          </dd>
        </div>
        <div>
          <dt>{t('report.review.publication')}</dt>
          <dd>
            {details.publishDescription === true
              ? t('report.review.publicationYes')
              : t('report.review.publicationNo')}
          </dd>
        </div>
        <div>
          <dt>{t('report.review.photos')}</dt>
          <dd>
            {details.photos.length
              ? details.photos.map((photo) => photo.file.name).join(', ')
              : t('report.review.photoCount', { count: 0 })}
          </dd>
        </div>
        <div>
          <dt>{t('report.review.contact')}</dt>
          <dd>{contact.length ? contact.join(', ') : t('report.review.anonymous')}</dd>
        </div>
      </dl>
      <ErrorNotice error={sendError} />
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => onEdit('details')}>
          {t('common.actions.back')}
        </button>
        <button type="button" className="button" onClick={onSend} disabled={sending} aria-busy={sending}>
          {sending ? t('report.review.sending') : t('report.review.send')}
        </button>
      </div>
    </>
  );
}

export type PhotoUpload =
  | { state: 'none' }
  | { state: 'uploading' }
  | { state: 'done'; count: number }
  | { state: 'failed'; error: unknown };

/** The acknowledgement: number, tracking code and link; the case exists even if photos failed. */
export function ReportDone({
  created,
  email,
  upload,
  onRetryUpload,
  onAnother,
}: {
  created: CreatedCase;
  email: string;
  upload: PhotoUpload;
  onRetryUpload(): void;
  onAnother(): void;
}) {
  const { t } = useI18n();
  const slug = caseSlug(created.number);
  return (
    <>
      <dl className="review" data-testid="report-created">
        <div>
          <dt>{t('report.done.number')}</dt>
          <dd className="case-number" data-testid="case-number">
            {created.number}
          </dd>
        </div>
        <div>
          <dt>{t('report.done.token')}</dt>
          <dd className="tracking-token" data-testid="tracking-token">
            {created.trackingToken}
          </dd>
        </div>
      </dl>
      <p>{t('report.done.keep')}</p>
      {email.trim() ? <p>{t('report.done.emailSent', { email: email.trim() })}</p> : null}
      <div role="status">
        {upload.state === 'uploading' ? <p>{t('report.done.uploading')}</p> : null}
        {upload.state === 'done' ? (
          <p className="notice notice--ok">{t('report.done.uploaded', { count: upload.count })}</p>
        ) : null}
      </div>
      {upload.state === 'failed' ? (
        <div role="alert" className="notice notice--error">
          <p>
            {t('report.done.uploadFailed', {
              message:
                upload.error instanceof ApiError && upload.error.code === 'NETWORK'
                  ? t('common.errors.network')
                  : upload.error instanceof Error
                    ? upload.error.message
                    : String(upload.error),
            })}
          </p>
          <button type="button" className="button" onClick={onRetryUpload}>
            {t('report.done.retryUpload')}
          </button>
        </div>
      ) : null}
      <div className="actions">
        <Link className="button" to={`/track/${slug}?token=${encodeURIComponent(created.trackingToken)}`}>
          {t('report.done.track')}
        </Link>
        <button type="button" className="button button--secondary" onClick={onAnother}>
          {t('report.done.another')}
        </button>
      </div>
    </>
  );
}
