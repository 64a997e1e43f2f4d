import { useI18n } from '../i18n/i18n';
import type { TrackedCase } from './track-api';
import { useDates } from './useDates';

/** What the case is about, who handles it, when it is due and where the problem is. */
export function CaseDetails({ data }: { data: TrackedCase }) {
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

/** The case's public history, oldest first, with the notes meant for the resident. */
export function History({ history }: { history: TrackedCase['history'] }) {
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
