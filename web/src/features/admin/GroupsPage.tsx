import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { adminPath, isAdmin, useAdmin, useInstitutionId, useSubmit, type Group, type ListResponse, type Named, type Programme } from './api';
import { AdminPage, FormStatus, SelectField, TableWrap } from './ui';
import { Notice } from './crud';

/** /beheer/groepen: every group with its opleiding, cohort and mentors; a form to add one. */
export default function GroupsPage() {
  const { t } = useTranslation('admin');
  const { data: me } = useMe();
  const { data } = useAdmin<ListResponse<Group>>('/groups');
  // A group removed on its own page is announced here, where the admin lands.
  const notice = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  return (
    <AdminPage title={t('groups.title')} intro={t('groups.intro')}>
      <Notice text={notice} />
      {!data ? <Loading /> : <GroupTable items={data.items} />}
      {isAdmin(me) && <GroupForm />}
    </AdminPage>
  );
}

function GroupTable({ items }: { items: Group[] }) {
  const { t } = useTranslation('admin');
  return (
    <TableWrap labelledBy="groups-caption">
      <table>
        <caption id="groups-caption">{t('groups.caption', { count: items.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('groups.code')}</th>
            <th scope="col">{t('groups.name')}</th>
            <th scope="col">{t('groups.programme')}</th>
            <th scope="col">{t('groups.cohort')}</th>
            <th scope="col">{t('groups.mentors')}</th>
            <th scope="col">{t('groups.students')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((g) => (
            <tr key={g.id}>
              <th scope="row">
                <Link to={`/beheer/groepen/${g.id}`}>{g.code}</Link>
              </th>
              <td>{g.name}</td>
              <td>{g.programme ? `${g.programme.name} (${g.programme.crebo})` : '—'}</td>
              <td>{g.cohort?.name ?? '—'}</td>
              <td>{g.mentors.length ? g.mentors.map((m) => m.displayName).join(', ') : t('groups.noMentor')}</td>
              <td>{g.studentCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

const EMPTY = { code: '', name: '', programmeId: '', cohortId: '' };

function GroupForm() {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const programmes = useAdmin<ListResponse<Programme>>('/programmes').data?.items ?? [];
  const cohorts = useAdmin<ListResponse<Named>>('/cohorts').data?.items ?? [];
  const [form, setForm] = useState(EMPTY);
  const s = useSubmit();
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = { ...form, programmeId: form.programmeId || null, cohortId: form.cohortId || null };
    const ok = await s.run(() => api(adminPath(inst, '/groups'), { body }), t('groups.created', { code: form.code }));
    if (ok) setForm(EMPTY);
  }

  return (
    <section aria-labelledby="new-group" className="card">
      <h2 id="new-group">{t('groups.new')}</h2>
      <FormStatus error={s.error} done={s.done} />
      <form onSubmit={submit} noValidate className="form">
        <Field label={t('groups.code')} hint={t('groups.codeHint')} value={form.code} error={s.fields.code} onChange={set('code')} required />
        <Field label={t('groups.name')} value={form.name} error={s.fields.name} onChange={set('name')} required />
        <SelectField
          label={t('groups.programme')}
          value={form.programmeId}
          error={s.fields.programmeId}
          onChange={set('programmeId')}
          placeholder={t('none')}
          options={programmes.map((p) => ({ value: p.id, label: `${p.name} (${p.crebo}, ${p.pathway})` }))}
        />
        <SelectField label={t('groups.cohort')} value={form.cohortId} error={s.fields.cohortId} onChange={set('cohortId')} placeholder={t('none')} options={cohorts.map((c) => ({ value: c.id, label: c.name }))} />
        <div>
          <button type="submit" className="button" disabled={s.busy}>
            {t('groups.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
