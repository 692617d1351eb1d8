import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { Field } from '../../ui/Field';
import { formatDate } from '../../ui/format';
import { adminPath, useAdmin, useInstitutionId, type Internship, type ListResponse, type UserItem } from './api';
import { CrudPage, ItemForm, orNull, type CrudSpec, type FieldSpec, type Values } from './crud';

/** /beheer/stages: internships (bpv): student, company, period and praktijkopleider. */
export default function InternshipsPage() {
  const { t, i18n } = useTranslation('admin');
  const d = (iso: string) => formatDate(iso, i18n.language);
  const fields = useInternshipFields();
  const spec: CrudSpec<Internship> = {
    section: 'internships',
    path: '/internships',
    query: '?limit=200',
    columns: [
      { header: t('internships.student'), cell: (i) => i.student.displayName },
      { header: t('internships.company'), cell: (i) => i.companyName },
      { header: t('internships.period'), cell: (i) => `${d(i.startsOn)} – ${d(i.endsOn)}` },
      { header: t('internships.praktijkopleider'), cell: (i) => i.praktijkopleider?.displayName ?? t('internships.noPraktijkopleider') },
    ],
    name: (i) => t('internships.itemName', { company: i.companyName, student: i.student.displayName }),
    fields,
    empty: EMPTY,
    values: (i) => ({ companyName: i.companyName, startsOn: i.startsOn, endsOn: i.endsOn, praktijkopleiderId: i.praktijkopleider?.id ?? '' }),
    body: internshipBody,
    createForm: <NewInternship fields={fields} />,
  };
  return <CrudPage spec={spec} />;
}

const EMPTY: Values = { studentId: '', companyName: '', startsOn: '', endsOn: '', praktijkopleiderId: '' };

const internshipBody = (v: Values) => ({ companyName: v.companyName, startsOn: v.startsOn, endsOn: v.endsOn, praktijkopleiderId: orNull(v.praktijkopleiderId) });

/** Company, period and praktijkopleider: the fields of a new internship and of a change. */
function useInternshipFields(): FieldSpec[] {
  const { t } = useTranslation('admin');
  const coaches = useAdmin<ListResponse<UserItem>>('/users?role=praktijkopleider&limit=100').data?.items ?? [];
  return [
    { name: 'companyName', label: t('internships.company'), required: true },
    { name: 'startsOn', label: t('internships.startsOn'), type: 'date', required: true },
    { name: 'endsOn', label: t('internships.endsOn'), type: 'date', required: true },
    {
      name: 'praktijkopleiderId',
      label: t('internships.praktijkopleider'),
      hint: t('internships.praktijkopleiderHint'),
      type: 'select',
      placeholder: t('none'),
      options: coaches.map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` })),
    },
  ];
}

/** A new internship: find the student first, then the rest. */
function NewInternship({ fields }: { fields: FieldSpec[] }) {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const [search, setSearch] = useState('');
  const students = useAdmin<ListResponse<UserItem>>(`/users?role=student&limit=20&q=${encodeURIComponent(search.trim())}`, search.trim().length >= 2).data?.items ?? [];
  const studentField: FieldSpec = {
    name: 'studentId',
    label: t('internships.student'),
    type: 'select',
    placeholder: t('choose'),
    options: students.map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` })),
  };
  return (
    <section aria-labelledby="new-internships" className="card">
      <h2 id="new-internships">{t('internships.new')}</h2>
      <Field label={t('internships.searchStudent')} hint={t('groups.searchHint')} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      <ItemForm
        fields={[studentField, ...fields]}
        initial={EMPTY}
        submitLabel={t('internships.add')}
        success={(v) => t('internships.created', { company: v.companyName })}
        send={(v) => api(adminPath(inst, '/internships'), { body: { studentId: v.studentId, ...internshipBody(v) } })}
        resetOnSuccess
      />
    </section>
  );
}
