import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Field } from '../../ui/Field';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { adminPath, isAdmin, useAdmin, useInstitutionId, useSubmit, type GroupDetail, type ListResponse, type Named, type Programme, type UserItem } from './api';
import { DeleteControl, ItemForm, orNull, type FieldSpec } from './crud';
import { AdminPage, FormStatus, SelectField, TableWrap } from './ui';

/** /beheer/groepen/:id: one group, its mentors (add, remove) and its students (enrol). */
export default function GroupPage() {
  const { t, i18n } = useTranslation('admin');
  const { id } = useParams();
  const { data: me } = useMe();
  const { data: group, isError } = useAdmin<GroupDetail>(`/groups/${id}`);
  if (isError) return <AdminPage title={t('groups.notFound')}>{null}</AdminPage>;
  if (!group) return <Loading />;
  const admin = isAdmin(me);
  return (
    <AdminPage title={t('groups.detailTitle', { code: group.code })} intro={`${group.name}${group.programme ? ` — ${group.programme.name}` : ''}`}>
      <section aria-labelledby="mentors" className="card">
        <h2 id="mentors">{t('groups.mentors')}</h2>
        <Mentors group={group} canEdit={admin} />
      </section>
      <section aria-labelledby="students" className="card">
        <h2 id="students">{t('groups.studentsTitle', { count: group.enrolments.length })}</h2>
        <TableWrap labelledBy="students">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('groups.startsOn')}</th>
                <th scope="col">{t('groups.endsOn')}</th>
              </tr>
            </thead>
            <tbody>
              {group.enrolments.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{admin ? <Link to={`/beheer/gebruikers/${e.student.id}`}>{e.student.displayName}</Link> : e.student.displayName}</th>
                  <td>{formatDate(e.startsOn, i18n.language)}</td>
                  <td>{e.endsOn ? formatDate(e.endsOn, i18n.language) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {admin && <EnrolForm groupId={group.id} />}
      </section>
      {admin && <GroupEdit group={group} />}
    </AdminPage>
  );
}

function Mentors({ group, canEdit }: { group: GroupDetail; canEdit: boolean }) {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const s = useSubmit();
  const mentors = useAdmin<ListResponse<UserItem>>('/users?role=mentor&limit=100', canEdit).data?.items ?? [];
  const docents = useAdmin<ListResponse<UserItem>>('/users?role=docent&limit=100', canEdit).data?.items ?? [];
  const staff = [...new Map([...mentors, ...docents].map((u) => [u.id, u])).values()].filter((u) => !group.mentors.some((m) => m.id === u.id));
  const [userId, setUserId] = useState('');

  async function add(e: FormEvent) {
    e.preventDefault();
    const ok = await s.run(() => api(adminPath(inst, `/groups/${group.id}/mentors`), { body: { userId } }), t('groups.mentorAdded'));
    if (ok) setUserId('');
  }
  return (
    <>
      <FormStatus error={s.error} done={s.done} />
      {group.mentors.length === 0 ? (
        <p>{t('groups.noMentor')}</p>
      ) : (
        <ul className="chips">
          {group.mentors.map((m) => (
            <li key={m.id}>
              {m.displayName}
              {canEdit && (
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={t('groups.removeMentor', { name: m.displayName })}
                  onClick={() => s.run(() => api(adminPath(inst, `/groups/${group.id}/mentors/${m.id}`), { method: 'DELETE' }), t('groups.mentorRemoved'))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form onSubmit={add} noValidate className="inline-form">
          <SelectField label={t('groups.addMentor')} value={userId} error={s.fields.userId} onChange={(e) => setUserId(e.target.value)} placeholder={t('choose')} options={staff.map((u) => ({ value: u.id, label: u.displayName }))} />
          <div>
            <button type="submit" className="button" disabled={s.busy || !userId}>
              {t('groups.addMentorButton')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

function EnrolForm({ groupId }: { groupId: string }) {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const s = useSubmit();
  const [search, setSearch] = useState('');
  const [studentId, setStudentId] = useState('');
  const [startsOn, setStartsOn] = useState(new Date().toISOString().slice(0, 10));
  const students = useAdmin<ListResponse<UserItem>>(`/users?role=student&limit=20&q=${encodeURIComponent(search)}`, search.trim().length >= 2).data?.items ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    await s.run(() => api(adminPath(inst, '/enrolments'), { body: { studentId, groupId, startsOn } }), t('groups.enrolled'));
  }
  return (
    <form onSubmit={submit} noValidate className="form">
      <h3>{t('groups.enrolTitle')}</h3>
      <FormStatus error={s.error} done={s.done} />
      <Field label={t('groups.searchStudent')} hint={t('groups.searchHint')} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      <SelectField label={t('groups.student')} value={studentId} error={s.fields.studentId} onChange={(e) => setStudentId(e.target.value)} placeholder={t('choose')} options={students.map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }))} />
      <Field label={t('groups.startsOn')} type="date" value={startsOn} error={s.fields.startsOn} onChange={(e) => setStartsOn(e.target.value)} />
      <div>
        <button type="submit" className="button" disabled={s.busy || !studentId}>
          {t('groups.enrol')}
        </button>
      </div>
    </form>
  );
}

/** Group fields: code, name, opleiding and cohort (shared with nothing else, so kept here). */
function useGroupFields(): FieldSpec[] {
  const { t } = useTranslation('admin');
  const programmes = useAdmin<ListResponse<Programme>>('/programmes').data?.items ?? [];
  const cohorts = useAdmin<ListResponse<Named>>('/cohorts').data?.items ?? [];
  return [
    { name: 'code', label: t('groups.code'), hint: t('groups.codeHint'), required: true },
    { name: 'name', label: t('groups.name'), required: true },
    { name: 'programmeId', label: t('groups.programme'), type: 'select', placeholder: t('none'), options: programmes.map((p) => ({ value: p.id, label: `${p.name} (${p.crebo}, ${p.pathway})` })) },
    { name: 'cohortId', label: t('groups.cohort'), type: 'select', placeholder: t('none'), options: cohorts.map((c) => ({ value: c.id, label: c.name })) },
  ];
}

/** Change the group, or remove it when no enrolment refers to it any more. */
function GroupEdit({ group }: { group: GroupDetail }) {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const navigate = useNavigate();
  const fields = useGroupFields();
  const path = adminPath(inst, `/groups/${group.id}`);
  const initial = { code: group.code, name: group.name, programmeId: group.programme?.id ?? '', cohortId: group.cohort?.id ?? '' };
  const body = (v: Record<string, string>) => ({ code: v.code, name: v.name, programmeId: orNull(v.programmeId), cohortId: orNull(v.cohortId) });
  const deleted = () => navigate('/beheer/groepen', { state: { notice: t('crud.deleted', { name: group.code }) } });
  return (
    <section aria-labelledby="edit-group" className="card">
      <h2 id="edit-group">{t('groups.editTitle')}</h2>
      <ItemForm
        fields={fields}
        initial={initial}
        submitLabel={t('save')}
        success={() => t('saved')}
        send={(v) => api(path, { method: 'PATCH', body: body(v) })}
      />
      <h3>{t('crud.deleteTitle')}</h3>
      <DeleteControl name={group.code} path={path} inUse={t('groups.inUse', { name: group.code })} onDeleted={deleted} />
    </section>
  );
}
