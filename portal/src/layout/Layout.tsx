import { NavLink, Outlet, useLocation } from 'react-router';
import { Suspense, useEffect, useRef } from 'react';
import { Loading } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import { useSettings } from './settings';

const NAV = [
  ['/', 'home'],
  ['/report', 'report'],
  ['/track', 'track'],
  ['/map', 'map'],
  ['/help', 'help'],
  ['/book', 'book'],
  ['/announcements', 'announcements'],
  ['/open-data', 'openData'],
] as const;

/** Header with the main menu and language switch, the page, and a footer; one of each landmark. */
export function Layout() {
  const { t, lang, setLang } = useI18n();
  const { cityName } = useSettings();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // After a navigation keyboard and screen-reader users start at the new page, not the menu.
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#content">
        {t('common.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <NavLink to="/" className="brand">
            <span className="brand__name">{t('common.portalName', { city: cityName })}</span>
            <span className="brand__tagline">{t('common.tagline')}</span>
          </NavLink>
          <button
            type="button"
            className="language-switch"
            lang={lang === 'pl' ? 'en' : 'pl'}
            onClick={() => setLang(lang === 'pl' ? 'en' : 'pl')}
          >
            {t('common.language.switchTo')}
          </button>
        </div>
        <nav aria-label={t('common.nav.label')} className="site-nav">
          <ul>
            {NAV.map(([to, key]) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'}>
                  {t(`common.nav.${key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="content" ref={main} tabIndex={-1} className="site-main">
        {/* Pages are loaded on first use; the header stays while one arrives. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('common.footer.phone')}</p>
        <p>{t('common.footer.privacy')}</p>
      </footer>
    </>
  );
}
