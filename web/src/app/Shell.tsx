import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { setLanguage } from '../i18n';
import { hasRole, useMe, useSignOut } from './auth';
import { NAV_ITEMS } from './navigation';
import { UnreadBadge, useUnreadCounts, type UnreadCounts } from '../features/guidance/UnreadBadge';

/** Which nav entries carry an unread count, and which count. */
const UNREAD_BY_PATH: Record<string, keyof UnreadCounts> = { '/meldingen': 'notifications', '/berichten': 'messages' };

/**
 * The app shell: skip link, header with navigation, main landmark, footer. After every
 * navigation the focus moves to the page heading so screen-reader and keyboard users
 * start at the new content.
 */
export function Shell() {
  const { t, i18n } = useTranslation(['common', 'nav']);
  const { data: me } = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const unread = useUnreadCounts(!!me, location.pathname);

  useEffect(() => {
    const heading = mainRef.current?.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
    }
  }, [location.pathname]);

  const items = NAV_ITEMS.filter((item) => item.roles === 'all' || item.roles.some((r) => hasRole(me, r)));
  const otherLanguage = i18n.language === 'en' ? 'nl' : 'en';

  return (
    <>
      <a className="skip-link" href="#main">
        {t('common:skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__bar">
          <Link to="/" className="brand" aria-label={t('common:homeLink')}>
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <span>Koers</span>
          </Link>
          <div className="site-header__tools">
            <button
              type="button"
              className="button button--quiet"
              lang={otherLanguage}
              onClick={() => setLanguage(otherLanguage)}
            >
              {t('common:switchLanguage')}
            </button>
            {me && (
              <button
                type="button"
                className="button button--quiet"
                onClick={async () => {
                  await signOut();
                  navigate('/inloggen');
                }}
              >
                {t('common:signOut')}
              </button>
            )}
          </div>
        </div>
        {me && items.length > 1 && (
          <nav aria-label={t('common:mainNavigation')} className="main-nav">
            <ul>
              {items.map((item) => (
                <li key={item.path}>
                  <NavLink to={item.path} end={item.path === '/'}>
                    {t(`nav:${item.label}`)}
                    {UNREAD_BY_PATH[item.path] && <UnreadBadge count={unread?.[UNREAD_BY_PATH[item.path]]} />}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('common:footer')}</p>
      </footer>
    </>
  );
}
