import { NavLink, Outlet, useLocation } from 'react-router';
import { Suspense, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Loading } from '../components/ErrorNotice';
import { useI18n } from '../i18n/i18n';
import { useClerksOnline } from './chat-availability';
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

/**
 * Header with the main menu and language switch, the page, and a footer; one of each landmark.
 * On a phone the menu folds behind a button so the page (on the home page: reporting) comes first.
 */
export function Layout() {
  const { t, lang, setLang } = useI18n();
  const { cityName } = useSettings();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const menuButton = useRef<HTMLButtonElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const clerksOnline = useClerksOnline();
  // The chat is its own page outside the portal (the widget the city also embeds elsewhere).
  const chatHref = `/chat?lang=${lang}`;
  useEffect(() => {
    // After a navigation keyboard and screen-reader users start at the new page, not the menu.
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);
  const closeMenuOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  };

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
          <div className="site-header__tools">
            <button
              type="button"
              className="language-switch"
              lang={lang === 'pl' ? 'en' : 'pl'}
              onClick={() => setLang(lang === 'pl' ? 'en' : 'pl')}
            >
              {t('common.language.switchTo')}
            </button>
            <button
              type="button"
              ref={menuButton}
              className="menu-button"
              aria-expanded={menuOpen}
              aria-controls="site-nav"
              onClick={() => setMenuOpen((open) => !open)}
            >
              <span aria-hidden="true" className="menu-button__icon" />
              {t('common.nav.menu')}
            </button>
          </div>
        </div>
        <nav
          id="site-nav"
          aria-label={t('common.nav.label')}
          className={menuOpen ? 'site-nav site-nav--open' : 'site-nav'}
          onKeyDown={closeMenuOnEscape}
        >
          <ul>
            {NAV.map(([to, key]) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'} onClick={() => setMenuOpen(false)}>
                  {t(`common.nav.${key}`)}
                </NavLink>
              </li>
            ))}
            {clerksOnline ? (
              <li>
                <a href={chatHref} className="site-nav__chat" data-testid="nav-chat">
                  {t('common.nav.chat')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      </header>
      <main id="content" ref={main} tabIndex={-1} className="site-main">
        {clerksOnline && location.pathname.startsWith('/help') ? (
          <p className="notice notice--ok chat-offer" data-testid="chat-offer">
            {t('common.chatOffer.text')} <a href={chatHref}>{t('common.chatOffer.link')}</a>
          </p>
        ) : null}
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
