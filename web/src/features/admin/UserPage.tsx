import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api';
import { useMe, type Role } from '../../app/auth';
import { Field } from '../../ui/Field';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { adminPath, ROLES, useAdmin, useInstitutionId, useSubmit, type UserDetail } from './api';
import { DeleteControl } from './crud';
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
      <Enrolments user={user} />
      <Relations user={user} />
      <PrivacyCard user={user} />
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
  if (user.internships.length + user.mentorOf.length === 0) return null;
  return (
    <section aria-labelledby="relations" className="card">
      <h2 id="relations">{t('users.relations')}</h2>
      <ul className="list">
        {user.mentorOf.map((g) => (
          <li key={`m-${g.id}`}>
            {t('users.mentorOf')} <Link to={`/beheer/groepen/${g.id}`}>{g.code}</Link>
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

type Enrolment = UserDetail['enrolments'][number];

/** The student's enrolments: each can be ended (a last day) or removed when made by mistake. */
function Enrolments({ user }: { user: UserDetail }) {
  const { t } = useTranslation('admin');
  if (user.enrolments.length === 0) return null;
  return (
    <section aria-labelledby="enrolments" className="card">
      <h2 id="enrolments">{t('users.enrolments')}</h2>
      <ul className="list">
        {user.enrolments.map((e) => (
          <EnrolmentItem key={e.id} enrolment={e} />
        ))}
      </ul>
    </section>
  );
}

function EnrolmentItem({ enrolment: e }: { enrolment: Enrolment }) {
  const { t, i18n } = useTranslation('admin');
  const inst = useInstitutionId();
  const [ending, setEnding] = useState(false);
  const code = e.group?.code ?? '—';
  const d = (iso: string | null) => (iso ? formatDate(iso, i18n.language) : t('users.noEnd'));
  const path = adminPath(inst, `/enrolments/${e.id}`);
  return (
    <li className="enrolment">
      <p>
        {t('users.enrolledIn')} {e.group ? <Link to={`/beheer/groepen/${e.group.id}`}>{code}</Link> : code} ({d(e.startsOn)} – {d(e.endsOn)})
      </p>
      {ending ? (
        <EndEnrolmentForm path={path} code={code} startsOn={e.startsOn} onClose={() => setEnding(false)} />
      ) : (
        <div className="row-actions">
          <button type="button" className="button button--secondary" onClick={() => setEnding(true)}>
            {t('users.endEnrolment', { code })}
          </button>
          <DeleteControl
            name={t('users.enrolmentName', { code })}
            label={t('users.removeEnrolment', { code })}
            path={path}
            inUse={t('errors.generic')}
            onDeleted={() => undefined}
          />
        </div>
      )}
    </li>
  );
}

/** The last day of an enrolment; today by default. */
function EndEnrolmentForm({ path, code, startsOn, onClose }: { path: string; code: string; startsOn: string; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const s = useSubmit();
  const today = new Date().toISOString().slice(0, 10);
  const [endsOn, setEndsOn] = useState(today < startsOn ? startsOn : today);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const ok = await s.run(() => api(path, { method: 'PATCH', body: { endsOn } }), t('users.enrolmentEnded', { code }));
    if (ok) onClose();
  }
  return (
    <form onSubmit={submit} noValidate className="inline-form">
      <FormStatus error={s.error} done={null} />
      <Field label={t('users.lastDay', { code })} type="date" value={endsOn} error={s.fields.endsOn} onChange={(ev) => setEndsOn(ev.target.value)} required />
      <div className="row-actions">
        <button type="submit" className="button" disabled={s.busy}>
          {t('users.endEnrolmentConfirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** Rights of access and erasure (AVG art. 15 and 17), answered by the administrator. */
function PrivacyCard({ user }: { user: UserDetail }) {
  const { t } = useTranslation('admin');
  const { data: me } = useMe();
  return (
    <section aria-labelledby="privacy" className="card">
      <h2 id="privacy">{t('privacy.title')}</h2>
      <DownloadData user={user} />
      <h3 id="erase">{t('privacy.eraseTitle')}</h3>
      {me?.id === user.id ? <p>{t('privacy.notYourself')}</p> : <EraseControl user={user} />}
    </section>
  );
}

/** Saves a JSON value as a file through a temporary link. */
function saveJson(value: unknown, fileName: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function DownloadData({ user }: { user: UserDetail }) {
  const { t } = useTranslation('admin');
  const s = useSubmit();
  async function download() {
    const ok = await s.run(() => api(`/admin/people/${user.id}/data-export`), t('privacy.downloaded', { name: user.displayName }));
    if (ok) saveJson(ok.value, `koers-gegevens-${user.id}.json`);
  }
  return (
    <>
      <p>{t('privacy.downloadIntro')}</p>
      <FormStatus error={s.error} done={s.done} />
      <button type="button" className="button button--secondary" onClick={download} disabled={s.busy}>
        {t('privacy.download')}
      </button>
    </>
  );
}

/** Erasure in two steps: a warning, then the person's e-mail address typed as confirmation. */
function EraseControl({ user }: { user: UserDetail }) {
  const { t } = useTranslation('admin');
  const [asking, setAsking] = useState(false);
  return (
    <>
      <p>{t('privacy.eraseIntro')}</p>
      {asking ? (
        <EraseConfirm user={user} onCancel={() => setAsking(false)} />
      ) : (
        <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
          {t('privacy.erase')}
        </button>
      )}
    </>
  );
}

function EraseConfirm({ user, onCancel }: { user: UserDetail; onCancel: () => void }) {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const s = useSubmit();
  const [email, setEmail] = useState('');
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const ok = await s.run(() => api(`/admin/people/${user.id}/erase`, { body: { confirmEmail: email } }));
    if (ok) navigate('/beheer/gebruikers', { state: { notice: t('privacy.erased', { name: user.displayName }) } });
  }
  return (
    <form onSubmit={submit} noValidate className="form erase-confirm">
      <div className="alert alert--error" role="note" aria-labelledby="erase-warning">
        <p id="erase-warning">
          <strong>{t('privacy.warningTitle', { name: user.displayName })}</strong>
        </p>
        <ul>
          <li>{t('privacy.warningAll')}</li>
          <li>{t('privacy.warningFinal')}</li>
          <li>{t('privacy.warningAudit')}</li>
        </ul>
      </div>
      <FormStatus error={s.fields.confirmEmail ? null : s.error} done={null} />
      <Field
        label={t('privacy.confirmLabel', { email: user.email })}
        type="email"
        autoComplete="off"
        value={email}
        error={s.fields.confirmEmail}
        onChange={(ev) => setEmail(ev.target.value)}
        required
      />
      <div className="row-actions">
        <button type="submit" className="button button--danger" disabled={s.busy || email.trim() === ''}>
          {t('privacy.eraseConfirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
