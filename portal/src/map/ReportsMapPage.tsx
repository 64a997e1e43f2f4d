import './reports-map.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { PlaceMap, type BoundingBox, type MapMarker } from '../components/PlaceMap';
import { useI18n } from '../i18n/i18n';
import { caseSlug, findEvent, formatDate, useTaxonomy, type PublicMapCase } from '../report/report-api';
import { STATUS_GROUPS, statusGroup } from './status-groups';

/** "Recently resolved": the map shows what was fixed lately, not the city's whole history. */
const RECENT_DAYS = 30;
const PAGE_SIZE = 200;

type StatusFilter = 'open' | 'resolved' | 'all';

const recent = (item: PublicMapCase) =>
  Date.now() - new Date(item.updatedAt).getTime() <= RECENT_DAYS * 24 * 60 * 60 * 1000;

/**
 * Residents' reports on a map, anonymised by the API, with the event and status filters. A map
 * alone is not accessible, so the same reports are in a table under it; without tiles the table is
 * what remains, listing the whole city.
 */
export function ReportsMapPage() {
  const { t, pick, lang } = useI18n();
  const { taxonomy, error: taxonomyError } = useTaxonomy();
  const [event, setEvent] = useState('');
  const [status, setStatus] = useState<StatusFilter>('open');
  const [areaOnly, setAreaOnly] = useState(true);
  const [bbox, setBbox] = useState<BoundingBox | null>(null);
  const [degraded, setDegraded] = useState(false);
  const [items, setItems] = useState<PublicMapCase[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const latestRequest = useRef(0);

  const useArea = areaOnly && !degraded;
  const waitingForView = useArea && bbox === null;

  const load = useCallback(
    async (cursor: string | null) => {
      const request = ++latestRequest.current;
      setLoading(true);
      setError(null);
      try {
        const page = await api<{ items: PublicMapCase[]; nextCursor: string | null }>(
          '/api/v1/public/cases',
          {
            query: {
              bbox: useArea && bbox ? bbox.join(',') : undefined,
              event: event || undefined,
              status,
              limit: PAGE_SIZE,
              cursor: cursor ?? undefined,
            },
          },
        );
        if (request !== latestRequest.current) return;
        const shown =
          status === 'open'
            ? page.items
            : page.items.filter((item) => statusGroup(item.status) !== 'resolved' || recent(item));
        setItems((current) => (cursor && current ? [...current, ...shown] : shown));
        setNextCursor(page.nextCursor);
      } catch (failure) {
        if (request === latestRequest.current) setError(failure);
      } finally {
        if (request === latestRequest.current) setLoading(false);
      }
    },
    [useArea, bbox, event, status],
  );

  useEffect(() => {
    if (waitingForView) return;
    void load(null);
  }, [load, waitingForView]);

  const markers = useMemo<MapMarker[]>(() => {
    const eventName = (code: string | null) =>
      code ? pick(findEvent(taxonomy, code)?.name) || code : t('map.unknownEvent');
    const statusName = (code: string) => t(`report.status.${code}`);
    return (items ?? []).map((item) => ({
      id: item.number,
      lat: item.lat,
      lon: item.lon,
      tone: statusGroup(item.status),
      title: `${item.number} · ${eventName(item.eventCode)} · ${statusName(item.status)}`,
      popup: (
        <>
          <strong>{eventName(item.eventCode)}</strong>
          <br />
          {item.number} · {statusName(item.status)}
          <br />
          {[item.street, item.district].filter(Boolean).join(', ')}
          <br />
          {formatDate(item.createdAt, lang)}
        </>
      ),
    }));
  }, [items, taxonomy, t, pick, lang]);
  const eventName = (code: string | null) =>
    code ? pick(findEvent(taxonomy, code)?.name) || code : t('map.unknownEvent');
  const statusName = (code: string) => t(`report.status.${code}`);

  return (
    <div className="reports-map">
      <h1>{t('map.title')}</h1>
      <p>{t('map.intro', { days: RECENT_DAYS })}</p>

      <fieldset className="reports-map__filters">
        <legend>{t('map.filters')}</legend>
        <div className="field">
          <label htmlFor="map-event">{t('map.eventLabel')}</label>
          <select id="map-event" value={event} onChange={(e) => setEvent(e.target.value)}>
            <option value="">{t('map.allEvents')}</option>
            {taxonomy?.subcategories.map((sub) => (
              <optgroup key={sub.code} label={pick(sub.name)}>
                {sub.events.map((option) => (
                  <option key={option.code} value={option.code}>
                    {pick(option.name)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="map-status">{t('map.statusLabel')}</label>
          <select id="map-status" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="open">{t('map.statusOpen')}</option>
            <option value="resolved">{t('map.statusResolved', { days: RECENT_DAYS })}</option>
            <option value="all">{t('map.statusAll', { days: RECENT_DAYS })}</option>
          </select>
        </div>
        {degraded ? null : (
          <div className="checkbox">
            <input
              id="map-area-only"
              type="checkbox"
              checked={areaOnly}
              aria-describedby="map-area-only-hint"
              onChange={(e) => setAreaOnly(e.target.checked)}
            />
            <label htmlFor="map-area-only">{t('map.areaOnly')}</label>
            <span id="map-area-only-hint" className="hint muted">
              {t('map.areaOnlyHint')}
            </span>
          </div>
        )}
      </fieldset>
      <ErrorNotice error={taxonomyError} />

      <PlaceMap
        label={t('map.mapLabel')}
        zoom={11}
        markers={markers}
        onViewChange={setBbox}
        onDegradedChange={setDegraded}
        plainHint={t('map.mapPlainHint')}
      />
      <div className="map-legend" data-testid="map-legend">
        <h2 id="map-legend-heading" className="map-legend__heading">
          {t('map.legend.heading')}
        </h2>
        <ul aria-labelledby="map-legend-heading">
          {STATUS_GROUPS.map((group) => (
            <li key={group} data-group={group}>
              <span aria-hidden="true" className={`status-swatch place-map__dot place-map__dot--${group}`} />
              {t(`map.legend.${group}`)}
            </li>
          ))}
        </ul>
      </div>

      <p role="status" className="reports-map__count">
        {loading
          ? t('common.loading')
          : items
            ? items.length
              ? t('map.count', { count: items.length })
              : t('map.none')
            : ''}
      </p>
      <ErrorNotice error={error} />
      {items === null && !error ? <Loading /> : null}
      {items && items.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="reports-caption" tabIndex={0}>
          <table className="reports-table" data-testid="reports-table">
            <caption id="reports-caption">{t('map.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('map.number')}</th>
                <th scope="col">{t('map.event')}</th>
                <th scope="col">{t('map.status')}</th>
                <th scope="col">{t('map.street')}</th>
                <th scope="col">{t('map.district')}</th>
                <th scope="col">{t('map.date')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.number}>
                  <th scope="row">
                    <Link to={`/reports/${caseSlug(item.number)}`}>{item.number}</Link>
                  </th>
                  <td data-label={t('map.event')}>{eventName(item.eventCode)}</td>
                  <td data-label={t('map.status')} data-group={statusGroup(item.status)}>
                    <span
                      aria-hidden="true"
                      className={`status-swatch place-map__dot place-map__dot--${statusGroup(item.status)}`}
                    />
                    {statusName(item.status)}
                  </td>
                  <td data-label={t('map.street')}>{item.street ?? '—'}</td>
                  <td data-label={t('map.district')}>{item.district ?? '—'}</td>
                  <td data-label={t('map.date')}>
                    <time dateTime={item.createdAt}>{formatDate(item.createdAt, lang)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {nextCursor ? (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={loading}
            onClick={() => void load(nextCursor)}
          >
            {t('map.more')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
