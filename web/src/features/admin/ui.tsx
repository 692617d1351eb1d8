import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { isAdmin } from './api';
import './admin.css';

export { SelectField } from '../../ui/Field';
export { TableWrap } from '../../ui/TableWrap';

/** Form feedback: the general message (announced) and a success note. */
export function FormStatus({ error, done }: { error: string | null; done: string | null }) {
  return (
    <>
      {error && <Alert>{error}</Alert>}
      {done && <Alert kind="success">{done}</Alert>}
    </>
  );
}

const SECTIONS: { path: string; key: string; adminOnly?: boolean }[] = [
  { path: '/beheer', key: 'overview' },
  { path: '/beheer/opleidingen', key: 'programmes' },
  { path: '/beheer/groepen', key: 'groups' },
  { path: '/beheer/locaties', key: 'locations' },
  { path: '/beheer/teams', key: 'teams' },
  { path: '/beheer/cohorten', key: 'cohorts' },
  { path: '/beheer/gebruikers', key: 'users', adminOnly: true },
  { path: '/beheer/stages', key: 'internships', adminOnly: true },
  { path: '/beheer/uitnodigingen', key: 'invitations', adminOnly: true },
  { path: '/beheer/inlogmethoden', key: 'oidc', adminOnly: true },
  { path: '/beheer/roster-import', key: 'roster', adminOnly: true },
];

/** The sections of the administration, as a second navigation. */
export function AdminNav() {
  const { t } = useTranslation('admin');
  const { data: me } = useMe();
  const admin = isAdmin(me);
  return (
    <nav aria-label={t('nav.label')} className="admin-nav">
      <ul>
        {SECTIONS.filter((s) => admin || !s.adminOnly).map((s) => (
          <li key={s.path}>
            <NavLink to={s.path} end>
              {t(`nav.${s.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The frame of every admin page: heading, section navigation, content. */
export function AdminPage({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="page admin">
      <h1>{title}</h1>
      <AdminNav />
      {intro && <p className="lead">{intro}</p>}
      {children}
    </section>
  );
}
