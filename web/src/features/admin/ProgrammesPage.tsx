import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { adminPath, isAdmin, useAdmin, useInstitutionId, useSubmit, type ListResponse, type Named, type Programme } from './api';
import { AdminPage, FormStatus, SelectField, TableWrap } from './ui';

/** /beheer/opleidingen: the opleidingen (crebo, level, BOL/BBL, team) and a form to add one. */
export default function ProgrammesPage() {
  const { t } = useTranslation('admin');
  const { data: me } = useMe();
  const { data } = useAdmin<ListResponse<Programme>>('/programmes');
  return (
    <AdminPage title={t('programmes.title')} intro={t('programmes.intro')}>
      {!data ? <Loading /> : <ProgrammeTable items={data.items} />}
      {isAdmin(me) && <ProgrammeForm />}
    </AdminPage>
  );
}

function ProgrammeTable({ items }: { items: Programme[] }) {
  const { t } = useTranslation('admin');
  return (
    <TableWrap labelledBy="programmes-caption">
      <table>
        <caption id="programmes-caption">{t('programmes.caption', { count: items.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('programmes.name')}</th>
            <th scope="col">{t('programmes.crebo')}</th>
            <th scope="col">{t('programmes.levelShort')}</th>
            <th scope="col">{t('programmes.pathway')}</th>
            <th scope="col">{t('programmes.team')}</th>
            <th scope="col">{t('programmes.groups')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.name}</th>
              <td>{p.crebo}</td>
              <td>{p.level}</td>
              <td>{p.pathway}</td>
              <td>{p.team?.name ?? '—'}</td>
              <td>{p.groupCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

const EMPTY = { crebo: '', name: '', level: '2', pathway: 'BOL', teamId: '', locationId: '' };

function ProgrammeForm() {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const teams = useAdmin<ListResponse<Named>>('/teams').data?.items ?? [];
  const locations = useAdmin<ListResponse<Named & { city: string }>>('/locations').data?.items ?? [];
  const [form, setForm] = useState(EMPTY);
  const s = useSubmit();
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = { ...form, level: Number(form.level), teamId: form.teamId || null, locationId: form.locationId || null };
    const ok = await s.run(() => api(adminPath(inst, '/programmes'), { body }), t('programmes.created', { name: form.name }));
    if (ok) setForm(EMPTY);
  }

  return (
    <section aria-labelledby="new-programme" className="card">
      <h2 id="new-programme">{t('programmes.new')}</h2>
      <FormStatus error={s.error} done={s.done} />
      <form onSubmit={submit} noValidate className="form">
        <Field label={t('programmes.crebo')} hint={t('programmes.creboHint')} inputMode="numeric" value={form.crebo} error={s.fields.crebo} onChange={set('crebo')} required />
        <Field label={t('programmes.name')} value={form.name} error={s.fields.name} onChange={set('name')} required />
        <SelectField label={t('programmes.level')} value={form.level} error={s.fields.level} onChange={set('level')} options={['1', '2', '3', '4'].map((l) => ({ value: l, label: t('programmes.levelN', { level: l }) }))} />
        <SelectField label={t('programmes.pathway')} value={form.pathway} error={s.fields.pathway} onChange={set('pathway')} options={[{ value: 'BOL', label: t('programmes.bol') }, { value: 'BBL', label: t('programmes.bbl') }]} />
        <SelectField label={t('programmes.team')} value={form.teamId} error={s.fields.teamId} onChange={set('teamId')} placeholder={t('none')} options={teams.map((x) => ({ value: x.id, label: x.name }))} />
        <SelectField label={t('programmes.location')} value={form.locationId} error={s.fields.locationId} onChange={set('locationId')} placeholder={t('none')} options={locations.map((x) => ({ value: x.id, label: `${x.name} (${x.city})` }))} />
        <div>
          <button type="submit" className="button" disabled={s.busy}>
            {t('programmes.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
