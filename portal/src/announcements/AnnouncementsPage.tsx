import { useEffect } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import { useSettings } from '../layout/settings';
import { AnnouncementCard } from './AnnouncementCard';
import { feedUrl, useCurrentAnnouncements } from './announcements-api';
import './announcements.css';

/** Every current announcement, by district, with the Atom feed of the same choice. */
export function AnnouncementsPage() {
  const { t, lang } = useI18n();
  const { districts } = useSettings();
  const [params, setParams] = useSearchParams();
  const district = params.get('district') ?? '';
  const { items, error } = useCurrentAnnouncements(district);
  const { hash } = useLocation();

  useEffect(() => {
    // A link from the feed or the home page names one announcement: bring it into view.
    if (items && hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [items, hash]);

  const choose = (value: string) =>
    setParams(value ? { district: value } : {}, { replace: true, preventScrollReset: true });

  return (
    <>
      <h1>{t('announcements.title')}</h1>
      <p>{t('announcements.intro')}</p>
      <div className="announcement-filters">
        <div className="field">
          <label htmlFor="announcements-district">{t('announcements.district')}</label>
          <select
            id="announcements-district"
            value={district}
            onChange={(event) => choose(event.target.value)}
          >
            <option value="">{t('announcements.allDistricts')}</option>
            {districts.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <p className="announcement-feed">
          <a href={feedUrl(lang, district)} type="application/atom+xml">
            {t('announcements.feed')}
          </a>
          <br />
          <span className="muted">{t('announcements.feedHint')}</span>
        </p>
      </div>
      <ErrorNotice error={error} />
      {!items && !error && <Loading />}
      {items && (
        <>
          <p role="status" className="muted">
            {items.length
              ? t('announcements.count', { count: items.length })
              : district
                ? t('announcements.noneInDistrict', { district })
                : t('announcements.none')}
          </p>
          <ul className="announcement-list">
            {items.map((announcement) => (
              <li key={announcement.id}>
                <AnnouncementCard announcement={announcement} headingLevel={2} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
