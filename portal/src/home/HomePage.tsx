import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { AnnouncementCard } from '../announcements/AnnouncementCard';
import { isUrgent, useCurrentAnnouncements } from '../announcements/announcements-api';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import './home.css';

/** How many non-urgent announcements the home page shows before "all announcements". */
const OTHER_ANNOUNCEMENTS = 3;

function CurrentAnnouncements() {
  const { t, pick } = useI18n();
  const { items, error } = useCurrentAnnouncements();
  if (error) return <ErrorNotice error={error} />;
  if (!items) return null;
  const urgent = items.filter(isUrgent);
  const others = items.filter((announcement) => !isUrgent(announcement)).slice(0, OTHER_ANNOUNCEMENTS);
  return (
    <section aria-labelledby="home-announcements" className="home-announcements">
      <h2 id="home-announcements">{t('home.alerts')}</h2>
      {urgent.length ? (
        <ul className="announcement-list">
          {urgent.map((announcement) => (
            <li key={announcement.id}>
              <AnnouncementCard announcement={announcement} headingLevel={3} brief />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('home.noAlerts')}</p>
      )}
      {others.length > 0 && (
        <ul className="home-news">
          {others.map((announcement) => (
            <li key={announcement.id}>
              <span className="home-news__kind">{t(`announcements.kind.${announcement.kind}`)}: </span>
              <Link to={`/announcements#announcement-${announcement.id}`}>{pick(announcement.title)}</Link>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/announcements">{t('home.moreAnnouncements')}</Link>
      </p>
    </section>
  );
}

function AskBox() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [question, setQuestion] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = question.trim();
    void navigate(q ? `/help?q=${encodeURIComponent(q)}` : '/help');
  };
  return (
    <form role="search" className="home-ask" onSubmit={submit}>
      <label htmlFor="home-ask-input">{t('home.ask.label')}</label>
      <span id="home-ask-hint" className="hint">
        {t('home.ask.hint')}
      </span>
      <div className="home-ask__row">
        <input
          id="home-ask-input"
          type="search"
          name="q"
          value={question}
          aria-describedby="home-ask-hint"
          placeholder={t('home.ask.placeholder')}
          onChange={(event) => setQuestion(event.target.value)}
        />
        <button type="submit" className="button">
          {t('home.ask.button')}
        </button>
      </div>
    </form>
  );
}

/**
 * Reporting first (on a phone within the first screen), then current alerts, then the other ways
 * in: track, ask, book, map, or call 19115.
 */
export function HomePage() {
  const { t } = useI18n();
  const entries = [
    { to: '/track', key: 'track' },
    { to: '/book', key: 'book' },
    { to: '/map', key: 'map' },
  ] as const;
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p className="home-intro">{t('home.intro')}</p>
      <section aria-labelledby="home-report" className="home-report">
        <h2 id="home-report" className="visually-hidden">
          {t('home.report.title')}
        </h2>
        <Link to="/report" className="button home-report__button">
          {t('home.report.title')}
        </Link>
        <p className="home-report__text">{t('home.report.text')}</p>
      </section>
      <CurrentAnnouncements />
      <section aria-labelledby="home-actions">
        <h2 id="home-actions">{t('home.actionsHeading')}</h2>
        <ul className="cards home-actions">
          <li className="card home-action home-action--ask">
            <h3>{t('home.ask.title')}</h3>
            <AskBox />
          </li>
          {entries.map(({ to, key }) => (
            <li key={key} className="card home-action">
              <h3>
                <Link to={to} className="home-action__link">
                  {t(`home.${key}.title`)}
                </Link>
              </h3>
              <p>{t(`home.${key}.text`)}</p>
            </li>
          ))}
          <li className="card home-action">
            <h3>{t('home.phone.title')}</h3>
            <p>{t('home.phone.text')}</p>
            <p>
              <a href="tel:19115" className="button button--secondary">
                {t('home.phone.link')}
              </a>
            </p>
          </li>
        </ul>
      </section>
    </>
  );
}
