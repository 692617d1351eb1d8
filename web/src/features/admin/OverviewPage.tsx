import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { adminPath, isAdmin, useAdmin, useInstitutionId, useSubmit, type Overview } from './api';
import { AdminPage, FormStatus } from './ui';

const COUNTS = ['students', 'staff', 'parents', 'praktijkopleiders', 'locations', 'teams', 'programmes', 'cohorts', 'groups', 'currentEnrolments', 'runningInternships'];

/** /beheer: the institution at a glance, and its name for the administrator to correct. */
export default function OverviewPage() {
  const { t } = useTranslation('admin');
  const { data: me } = useMe();
  const { data } = useAdmin<Overview>('');
  return (
    <AdminPage title={t('overview.title')} intro={t('overview.intro')}>
      {!data ? (
        <Loading />
      ) : (
        <>
          <section aria-labelledby="inst-facts" className="card">
            <h2 id="inst-facts">{data.institution.name}</h2>
            <dl className="facts">
              <dt>{t('overview.brin')}</dt>
              <dd>{data.institution.brin}</dd>
            </dl>
          </section>
          <h2 id="counts">{t('overview.counts')}</h2>
          <ul className="stats" aria-labelledby="counts">
            {COUNTS.map((key) => (
              <li key={key}>
                <strong>{data.counts[key]}</strong> {t(`overview.count.${key}`)}
              </li>
            ))}
          </ul>
          {isAdmin(me) && <RenameForm current={data.institution.name} />}
        </>
      )}
    </AdminPage>
  );
}

function RenameForm({ current }: { current: string }) {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const [name, setName] = useState(current);
  const s = useSubmit();
  async function submit(e: FormEvent) {
    e.preventDefault();
    await s.run(() => api(adminPath(inst, ''), { method: 'PATCH', body: { name } }), t('overview.renamed'));
  }
  return (
    <section aria-labelledby="rename" className="card">
      <h2 id="rename">{t('overview.rename')}</h2>
      <FormStatus error={s.error} done={s.done} />
      <form onSubmit={submit} noValidate className="form">
        <Field label={t('overview.name')} hint={t('overview.brinFixed')} value={name} error={s.fields.name} onChange={(e) => setName(e.target.value)} required />
        <div>
          <button type="submit" className="button" disabled={s.busy}>
            {t('save')}
          </button>
        </div>
      </form>
    </section>
  );
}
