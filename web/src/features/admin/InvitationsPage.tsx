import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { Field } from '../../ui/Field';
import { formatDate } from '../../ui/format';
import { useAdmin, useSubmit, type Internship, type ListResponse, type UserItem } from './api';
import { AdminPage, FormStatus, SelectField } from './ui';

/**
 * /beheer/uitnodigingen: invite a parent or the praktijkopleider of one student by e-mail,
 * through the identity API. The invitee sets a password and gets exactly one role and relation.
 */
export default function InvitationsPage() {
  const { t, i18n } = useTranslation('admin');
  const s = useSubmit();
  const [kind, setKind] = useState<'parent' | 'praktijkopleider'>('parent');
  const [email, setEmail] = useState('');
  const [search, setSearch] = useState('');
  const [studentId, setStudentId] = useState('');
  const [internshipId, setInternshipId] = useState('');
  const students = useAdmin<ListResponse<UserItem>>(`/users?role=student&limit=20&q=${encodeURIComponent(search.trim())}`, search.trim().length >= 2).data?.items ?? [];
  const internships = useAdmin<ListResponse<Internship>>(`/internships?studentId=${studentId}`, kind === 'praktijkopleider' && Boolean(studentId)).data?.items ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = { kind, email, studentId, ...(kind === 'praktijkopleider' && internshipId ? { internshipId } : {}) };
    const ok = await s.run(() => api('/invitations', { body }), t('invitations.sent', { email }));
    if (ok) setEmail('');
  }

  return (
    <AdminPage title={t('invitations.title')} intro={t('invitations.intro')}>
      <section aria-labelledby="invite" className="card">
        <h2 id="invite">{t('invitations.new')}</h2>
        <FormStatus error={s.error} done={s.done} />
        <form onSubmit={submit} noValidate className="form">
          <fieldset className="field">
            <legend>{t('invitations.kind')}</legend>
            <div className="checks">
              {(['parent', 'praktijkopleider'] as const).map((k) => (
                <label key={k}>
                  <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                  {t(`invitations.kinds.${k}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <Field label={t('invitations.email')} type="email" autoComplete="off" value={email} error={s.fields.email} onChange={(e) => setEmail(e.target.value)} required />
          <Field label={t('invitations.searchStudent')} hint={t('groups.searchHint')} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          <SelectField
            label={t('invitations.student')}
            value={studentId}
            error={s.fields.studentId}
            onChange={(e) => {
              setStudentId(e.target.value);
              setInternshipId('');
            }}
            placeholder={t('choose')}
            options={students.map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }))}
          />
          {kind === 'praktijkopleider' && (
            <SelectField
              label={t('invitations.internship')}
              value={internshipId}
              error={s.fields.internshipId}
              onChange={(e) => setInternshipId(e.target.value)}
              placeholder={t('choose')}
              options={internships.map((i) => ({ value: i.id, label: `${i.companyName} (${formatDate(i.startsOn, i18n.language)} – ${formatDate(i.endsOn, i18n.language)})` }))}
            />
          )}
          <div>
            <button type="submit" className="button" disabled={s.busy}>
              {t('invitations.send')}
            </button>
          </div>
        </form>
      </section>
    </AdminPage>
  );
}
