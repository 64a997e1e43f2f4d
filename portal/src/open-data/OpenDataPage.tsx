import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { useSettings } from '../layout/settings';
import './open-data.css';

const MAX_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;
const FIELDS = [
  'notificationNumber',
  'category',
  'subcategory',
  'event',
  'notificationType',
  'city',
  'district',
  'street',
  'street2',
  'aparmentNumber',
  'xCoordWGS84',
  'yCoordWGS84',
  'createDate',
  'source',
  'deviceType',
  'statuses',
] as const;

const warsawDay = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(date);
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

interface Choice {
  from: string;
  to: string;
  district: string;
}

/** The same limits the API enforces, so the links the page gives always work. */
function rangeProblem(choice: Choice, t: (key: string, vars?: Record<string, number>) => string) {
  if (!choice.from || !choice.to) return t('openData.errors.missing');
  const days = dayNumber(choice.to) - dayNumber(choice.from) + 1;
  if (days < 1) return t('openData.errors.order');
  if (days > MAX_DAYS) return t('openData.errors.tooLong', { days });
  return null;
}

function downloadUrls(choice: Choice) {
  const query = new URLSearchParams({
    from: choice.from,
    to: choice.to,
    ...(choice.district ? { district: choice.district } : {}),
  });
  return {
    json: `/api/v1/open-data/notifications?${query.toString()}&pageSize=1000`,
    csv: `/api/v1/open-data/notifications.csv?${query.toString()}`,
  };
}

/** What the open data is and is not, its fields, and links to download it for chosen days. */
export function OpenDataPage() {
  const { t } = useI18n();
  const { districts } = useSettings();
  const today = warsawDay(new Date());
  const [choice, setChoice] = useState<Choice>({
    from: warsawDay(new Date(Date.now() - 29 * DAY_MS)),
    to: today,
    district: '',
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [ready, setReady] = useState<Choice | null>(null);

  const change = (field: keyof Choice) => (event: { target: { value: string } }) => {
    setChoice((current) => ({ ...current, [field]: event.target.value }));
    setReady(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = rangeProblem(choice, t);
    setProblem(found);
    setReady(found ? null : choice);
  };

  const links = ready ? downloadUrls(ready) : null;
  return (
    <>
      <h1>{t('openData.title')}</h1>
      <p>{t('openData.intro')}</p>

      <h2>{t('openData.whatHeading')}</h2>
      <p>{t('openData.whatRecords')}</p>
      <p>{t('openData.whatLayout')}</p>
      <h2>{t('openData.privacyHeading')}</h2>
      <p>{t('openData.privacy')}</p>

      <h2 id="open-data-download">{t('openData.downloadHeading')}</h2>
      <form className="open-data-form" aria-labelledby="open-data-download" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('openData.dates')}</legend>
          <p id="open-data-dates-hint" className="hint">
            {t('openData.datesHint')}
          </p>
          <div className="open-data-form__dates">
            <div className="field">
              <label htmlFor="open-data-from">{t('openData.from')}</label>
              <input
                id="open-data-from"
                type="date"
                value={choice.from}
                max={today}
                aria-describedby={`open-data-dates-hint${problem ? ' open-data-problem' : ''}`}
                aria-invalid={problem ? true : undefined}
                onChange={change('from')}
              />
            </div>
            <div className="field">
              <label htmlFor="open-data-to">{t('openData.to')}</label>
              <input
                id="open-data-to"
                type="date"
                value={choice.to}
                max={today}
                aria-describedby={`open-data-dates-hint${problem ? ' open-data-problem' : ''}`}
                aria-invalid={problem ? true : undefined}
                onChange={change('to')}
              />
            </div>
          </div>
          {problem && (
            <p id="open-data-problem" className="field-error" role="alert">
              {problem}
            </p>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor="open-data-district">{t('openData.district')}</label>
          <select id="open-data-district" value={choice.district} onChange={change('district')}>
            <option value="">{t('openData.allDistricts')}</option>
            {districts.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('openData.build')}
        </button>
      </form>

      <div role="status" className="open-data-links">
        {links && ready && (
          <>
            <p>
              {t('openData.linksReady', {
                from: ready.from,
                to: ready.to,
                district: ready.district || t('openData.wholeCity'),
              })}
            </p>
            <ul>
              <li>
                <a href={links.json} type="application/json">
                  {t('openData.json')}
                </a>
              </li>
              <li>
                <a href={links.csv} type="text/csv" download>
                  {t('openData.csv')}
                </a>
              </li>
            </ul>
          </>
        )}
      </div>
      <ul className="open-data-more">
        <li>
          <a href="/api/v1/open-data/notification.schema.json" type="application/schema+json">
            {t('openData.schema')}
          </a>
        </li>
        <li>
          <a href="/docs">{t('openData.apiDocs')}</a>
        </li>
      </ul>

      <h2>{t('openData.fieldsHeading')}</h2>
      {/* Focusable: on a phone the table scrolls sideways, and keyboard users must reach it too. */}
      <div className="open-data-table" role="region" aria-labelledby="open-data-fields" tabIndex={0}>
        <table>
          <caption id="open-data-fields">{t('openData.fieldsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('openData.fieldColumn')}</th>
              <th scope="col">{t('openData.meaningColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((field) => (
              <tr key={field}>
                <th scope="row">
                  <code>{field}</code>
                </th>
                <td>{t(`openData.fields.${field}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
