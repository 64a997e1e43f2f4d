import './reports-map.css';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import type { PublicReport } from '../api-types';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { PlaceMap } from '../components/PlaceMap';
import { useI18n } from '../i18n/i18n';
import { findEvent, formatDate, useTaxonomy } from '../report/report-api';
import { statusGroup } from './status-groups';

/**
 * One report as anyone may see it (`/reports/:number`): where followers' e-mails and the map's
 * list lead. What the map shows, and the description only when the resident agreed to publish it:
 * no notes, no one's personal data.
 */
export function PublicReportPage() {
  const { t, pick, lang } = useI18n();
  const { number = '' } = useParams();
  const { taxonomy } = useTaxonomy();
  const [report, setReport] = useState<PublicReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    setReport(null);
    setError(null);
    api<PublicReport>(`/api/v1/public/cases/${encodeURIComponent(number.replace('/', '-'))}`).then(
      (loaded) => current && setReport(loaded),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [number]);

  const eventName = report?.eventCode
    ? pick(findEvent(taxonomy, report.eventCode)?.name) || report.eventCode
    : t('map.unknownEvent');
  const place = report ? [report.street, report.district].filter(Boolean).join(', ') : '';

  return (
    <>
      <h1>{t('map.report.title', { number: report?.number ?? number.replace('-', '/') })}</h1>
      <ErrorNotice error={error} />
      {!report && !error ? <Loading /> : null}
      {report ? (
        <>
          <dl className="card public-report">
            <dt>{t('map.event')}</dt>
            <dd>{eventName}</dd>
            <dt>{t('map.status')}</dt>
            <dd data-testid="public-report-status">
              <span
                aria-hidden="true"
                className={`status-swatch place-map__dot place-map__dot--${statusGroup(report.status)}`}
              />
              {t(`report.status.${report.status}`)}
            </dd>
            {report.description ? (
              <>
                <dt>{t('map.report.description')}</dt>
                <dd className="public-report__description">{report.description}</dd>
              </>
            ) : null}
            <dt>{t('map.report.place')}</dt>
            <dd>{place || '—'}</dd>
            <dt>{t('map.date')}</dt>
            <dd>{formatDate(report.createdAt, lang)}</dd>
            <dt>{t('map.report.followers')}</dt>
            <dd>{report.followers}</dd>
          </dl>
          <PlaceMap
            label={t('map.report.mapLabel')}
            pin={{ lat: report.lat, lon: report.lon }}
            address={place}
            pinLabel={t('map.report.placeOfReport')}
            plainHint=""
          />
          <h2>{t('map.report.history')}</h2>
          <ol className="public-report__history">
            {report.history.map((entry) => (
              <li key={`${entry.at}-${entry.status}`}>
                <time dateTime={entry.at}>{formatDate(entry.at, lang)}</time>:{' '}
                {t(`report.status.${entry.status}`)}
              </li>
            ))}
          </ol>
          <p className="muted">{t('map.report.privacy')}</p>
        </>
      ) : null}
      <p>
        <Link to="/map">{t('map.report.backToMap')}</Link>
      </p>
    </>
  );
}
