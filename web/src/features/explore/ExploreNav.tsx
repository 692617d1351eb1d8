import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { hasRole, useMe } from '../../app/auth';

/** The sections of Verkennen, for visitors without an account too. */
export function ExploreNav() {
  const { t } = useTranslation('explore');
  const { data: me } = useMe();
  const links = [
    { to: '/verkennen', label: t('nav.programmes'), end: true },
    { to: '/verkennen/beroepen', label: t('nav.occupations') },
    { to: '/verkennen/activiteiten', label: t('nav.activities') },
    ...(me && hasRole(me, 'student') ? [{ to: '/verkennen/mijn', label: t('nav.mine') }, { to: '/verkennen/oud-studenten', label: t('nav.alumni') }] : []),
    ...(me && hasRole(me, 'alumnus') ? [{ to: '/verkennen/mijn-verhaal', label: t('nav.story') }] : []),
    ...(me && hasRole(me, 'institution_admin', 'lob_coordinator') ? [{ to: '/verkennen/import', label: t('nav.import') }] : []),
  ];
  return (
    <nav aria-label={t('nav.label')} className="explore-nav">
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
