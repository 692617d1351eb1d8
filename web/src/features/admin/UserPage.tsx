import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { useMe, type Role } from '../../app/auth';
import { Field } from '../../ui/Field';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { adminPath, ROLES, useAdmin, useInstitutionId, useSubmit, type UserDetail } from './api';
import { AdminPage, FormStatus, SelectField } from './ui';

/** /beheer/gebruikers/:id: name and e-mail, status, roles; enrolments and internships at a glance. */
export default function UserPage() {
  const { t } = useTranslation('admin');
  const { id } = useParams();
  const { data: user, isError } = useAdmin<UserDetail>(`/users/${id}`);
  if (isError) return <AdminPage title={t('users.notFound')}>{null}</AdminPage>;
  if (!user) return <Loading />;
  return (
    <AdminPage title={user.displayName} intro={<span className="code">{user.email}</span>}>
      <RolesCard user={user} />
      <DetailsForm user={user} />
      <StatusCard user={user} />
      <Relations user={user} />
    </AdminPage>
  );
}

function RolesCard({ user }: { user: UserDetail }) {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const s = useSubmit();
  const [role, setRole] = useState('');
  const path = adminPath(inst, `/users/${user.id}/roles`);
  async function add(e: FormEvent) {
    e.preventDefault();
    const ok = await s.run(() => api(path, { body: { role } }), t('users.roleAdded', { role: t(`roles.${role}`) }));
    if (ok) setRole('');
  }
  return (
    <section aria-labelledby="roles" className="card">
      <h2 id="roles">{t('users.roles')}</h2>
      <p className="muted">{t('users.rolesHint')}</p>
      <FormStatus error={s.error} done={s.done} />
      <ul className="chips">
        {user.roles.map((r) => (
          <li key={r}>
            {t(`roles.${r}`)}
            <button
              type="button"
              className="button button--quiet"
              aria-label={t('users.removeRole', { role: t(`roles.${r}`) })}
              onClick={() => s.run(() => api(`${path}/${r}`, { method: 'DELETE' }), t('users.roleRemoved', { role: t(`roles.${r}`) }))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} noValidate className="inline-form">
        <SelectField
          label={t('users.addRole')}
          value={role}
          error={s.fields.role}
          onChange={(e) => setRole(e.target.value)}
          placeholder={t('choose')}
          options={ROLES.filter((r) => !user.roles.includes(r)).map((r: Role) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <div>
          <button type="submit" className="button" disabled={s.busy || !role}>
            {t('users.addRoleButton')}
          </button>
        </div>
      </form>
    </section>
  );
}

function DetailsForm({ user }: { user: UserDetail }) {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const s = useSubmit();
  const [form, setForm] = useState({ givenName: user.givenName, familyName: user.familyName, email: user.email });
  useEffect(() => setForm({ givenName: user.givenName, familyName: user.familyName, email: user.email }), [user.givenName, user.familyName, user.email]);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    await s.run(() => api(adminPath(inst, `/users/${user.id}`), { method: 'PATCH', body: form }), t('saved'));
  }
  return (
    <section aria-labelledby="details" className="card">
      <h2 id="details">{t('users.details')}</h2>
      <FormStatus error={s.error} done={s.done} />
      <form onSubmit={submit} noValidate className="form">
        <Field label={t('users.givenName')} value={form.givenName} error={s.fields.givenName} onChange={set('givenName')} required />
        <Field label={t('users.familyName')} value={form.familyName} error={s.fields.familyName} onChange={set('familyName')} required />
        <Field label={t('users.email')} type="email" value={form.email} error={s.fields.email} onChange={set('email')} required />
        <div>
          <button type="submit" className="button" disabled={s.busy}>
            {t('save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function StatusCard({ user }: { user: UserDetail }) {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const { data: me } = useMe();
  const s = useSubmit();
  const next = user.status === 'active' ? 'disabled' : 'active';
  return (
    <section aria-labelledby="status" className="card">
      <h2 id="status">{t('users.status')}</h2>
      <FormStatus error={s.error ?? s.fields.status ?? null} done={s.done} />
      <p className={user.status === 'disabled' ? 'status-disabled' : undefined}>{t(`users.statusText.${user.status}`)}</p>
      {me?.id !== user.id && (
        <button
          type="button"
          className={`button ${next === 'disabled' ? 'button--danger' : ''}`}
          disabled={s.busy}
          onClick={() => s.run(() => api(adminPath(inst, `/users/${user.id}`), { method: 'PATCH', body: { status: next } }), t(`users.statusChanged.${next}`))}
        >
          {t(`users.statusAction.${next}`)}
        </button>
      )}
    </section>
  );
}

function Relations({ user }: { user: UserDetail }) {
  const { t, i18n } = useTranslation('admin');
  const d = (iso: string | null) => (iso ? formatDate(iso, i18n.language) : '…');
  if (user.enrolments.length + user.internships.length + user.mentorOf.length === 0) return null;
  return (
    <section aria-labelledby="relations" className="card">
      <h2 id="relations">{t('users.relations')}</h2>
      <ul className="list">
        {user.mentorOf.map((g) => (
          <li key={`m-${g.id}`}>
            {t('users.mentorOf')} <Link to={`/beheer/groepen/${g.id}`}>{g.code}</Link>
          </li>
        ))}
        {user.enrolments.map((e) => (
          <li key={`e-${e.id}`}>
            {t('users.enrolledIn')} {e.group ? <Link to={`/beheer/groepen/${e.group.id}`}>{e.group.code}</Link> : '—'} ({d(e.startsOn)} – {d(e.endsOn)})
          </li>
        ))}
        {user.internships.map((i) => (
          <li key={`i-${i.id}`}>
            {t('users.internship', { company: i.companyName, student: i.student.displayName })} ({d(i.startsOn)} – {d(i.endsOn)})
          </li>
        ))}
      </ul>
    </section>
  );
}
