import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api } from '../../app/api';
import type { Role } from '../../app/auth';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { adminPath, ROLES, useAdmin, useInstitutionId, useSubmit, type ListResponse, type UserDetail, type UserItem } from './api';
import { AdminPage, FormStatus, SelectField, TableWrap } from './ui';
import { Notice } from './crud';

const PAGE_SIZE = 25;

/** /beheer/gebruikers: search, filter by role, page through accounts; create an account. */
export default function UsersPage() {
  const { t } = useTranslation('admin');
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [role, setRole] = useState('');
  // The cursors of the pages seen so far, so "previous" works with keyset pagination.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), ...(query && { q: query }), ...(role && { role }), ...(cursor && { cursor }) });
  const { data } = useAdmin<ListResponse<UserItem>>(`/users?${params}`);
  // An erased person is announced here, where the admin lands afterwards.
  const notice = (useLocation().state as { notice?: string } | null)?.notice ?? null;

  function search(e: FormEvent) {
    e.preventDefault();
    setQuery(draft.trim());
    setCursors([]);
  }

  return (
    <AdminPage title={t('users.title')} intro={t('users.intro')}>
      <Notice text={notice} />
      <form role="search" onSubmit={search} className="inline-form" aria-label={t('users.searchLabel')}>
        <Field label={t('users.search')} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <SelectField
          label={t('users.role')}
          value={role}
          onChange={(e) => {
            setRole(e.target.value);
            setCursors([]);
          }}
          placeholder={t('users.allRoles')}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <div>
          <button type="submit" className="button">
            {t('users.searchButton')}
          </button>
        </div>
      </form>
      {!data ? (
        <Loading />
      ) : (
        <>
          <UserTable items={data.items} />
          <div className="row-actions">
            {cursors.length > 0 && (
              <button type="button" className="button button--secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
                {t('users.previous')}
              </button>
            )}
            {data.nextCursor && (
              <button type="button" className="button button--secondary" onClick={() => setCursors([...cursors, data.nextCursor!])}>
                {t('users.next')}
              </button>
            )}
          </div>
        </>
      )}
      <NewUserForm />
    </AdminPage>
  );
}

function UserTable({ items }: { items: UserItem[] }) {
  const { t } = useTranslation('admin');
  if (items.length === 0) return <p>{t('users.none')}</p>;
  return (
    <TableWrap labelledBy="users-caption">
      <table>
        <caption id="users-caption">{t('users.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.roles')}</th>
            <th scope="col">{t('users.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                <Link to={`/beheer/gebruikers/${u.id}`}>{u.displayName}</Link>
              </th>
              <td className="code">{u.email}</td>
              <td>{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
              <td className={u.status === 'disabled' ? 'status-disabled' : undefined}>{t(`users.statusValue.${u.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

const EMPTY = { email: '', givenName: '', familyName: '', birthDate: '' };

function NewUserForm() {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const s = useSubmit();
  const [form, setForm] = useState(EMPTY);
  const [roles, setRoles] = useState<Role[]>([]);
  const [created, setCreated] = useState<UserDetail | null>(null);
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const rolesError = Object.entries(s.fields).find(([k]) => k.startsWith('roles'))?.[1];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = { ...form, birthDate: form.birthDate || null, roles };
    const res = await s.run(() => api<UserDetail>(adminPath(inst, '/users'), { body }), t('users.created', { name: `${form.givenName} ${form.familyName}` }));
    if (res) {
      setCreated(res.value);
      setForm(EMPTY);
      setRoles([]);
    }
  }

  return (
    <section aria-labelledby="new-user" className="card">
      <h2 id="new-user">{t('users.new')}</h2>
      <p className="muted">{t('users.newHint')}</p>
      <FormStatus error={s.error} done={s.done} />
      {created && s.done && (
        <p>
          <Link to={`/beheer/gebruikers/${created.id}`}>{t('users.open', { name: created.displayName })}</Link>
        </p>
      )}
      <form onSubmit={submit} noValidate className="form">
        <Field label={t('users.email')} type="email" autoComplete="off" value={form.email} error={s.fields.email} onChange={set('email')} required />
        <Field label={t('users.givenName')} value={form.givenName} error={s.fields.givenName} onChange={set('givenName')} required />
        <Field label={t('users.familyName')} value={form.familyName} error={s.fields.familyName} onChange={set('familyName')} required />
        <Field label={t('users.birthDate')} hint={t('users.birthDateHint')} type="date" value={form.birthDate} error={s.fields.birthDate} onChange={set('birthDate')} />
        <fieldset className={`field${rolesError ? ' field--error' : ''}`} aria-describedby={rolesError ? 'new-user-roles-error' : undefined}>
          <legend>{t('users.roles')}</legend>
          {rolesError && (
            <p className="field__error" id="new-user-roles-error">
              {rolesError}
            </p>
          )}
          <div className="checks">
            {ROLES.map((r) => (
              <label key={r}>
                <input type="checkbox" checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} />
                {t(`roles.${r}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <button type="submit" className="button" disabled={s.busy}>
            {t('users.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
