import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { isAdmin } from './api';
import './admin.css';

/** A labelled select with its error tied to it, like ui/Field for inputs. */
export function SelectField({
  label,
  error,
  hint,
  options,
  placeholder,
  ...select
}: {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  placeholder?: string;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined} {...select}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A table that may scroll sideways on a phone: a named, keyboard-reachable region. */
export function TableWrap({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}

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
  { path: '/beheer/gebruikers', key: 'users', adminOnly: true },
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
