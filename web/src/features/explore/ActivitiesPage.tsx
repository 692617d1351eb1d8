import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { formatDateTime } from '../../ui/format';
import { usePublicActivities, useSignUp, type PublicActivity } from './api';
import { ExploreNav } from './ExploreNav';
import './explore.css';

/** Open days, meeloopdagen and proeflessen, open to everyone; sign up with an e-mail address. */
export default function ActivitiesPage() {
  const { t } = useTranslation('explore');
  const { data, isLoading, error } = usePublicActivities();
  return (
    <section className="page">
      <h1>{t('activities.title')}</h1>
      <p className="lead">{t('activities.intro')}</p>
      <ExploreNav />
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('error')}</Alert>
      ) : data!.items.length === 0 ? (
        <p>{t('activities.none')}</p>
      ) : (
        <ul className="explore-cards">
          {data!.items.map((a) => (
            <ActivityCard key={a.id} a={a} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ActivityCard({ a }: { a: PublicActivity }) {
  const { t, i18n } = useTranslation('explore');
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const signUp = useSignUp(a.id);
  const { data: me } = useMe();
  const organiser = !!me?.roles.some((r) => r.institutionId === a.institution.id && ['mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'].includes(r.role));
  const fields = signUp.error instanceof ApiError ? signUp.error.fields : {};
  return (
    <li className="card">
      <h2 className="explore-card__title">{a.title}</h2>
      <p className="muted">
        {t(`activities.kind.${a.kind}`)} · {a.institution.name}
      </p>
      <p>
        {formatDateTime(a.startsAt, i18n.language)} · {a.location}
      </p>
      {a.description && <p>{a.description}</p>}
      {organiser && (
        <p>
          <Link to={`/verkennen/activiteiten/${a.id}/aanmeldingen`}>{t('signups.link')}</Link>
        </p>
      )}
      {a.full ? (
        <p className="muted">{t('activities.full')}</p>
      ) : signUp.isSuccess ? (
        <Alert kind="success">{t('activities.checkMail', { email })}</Alert>
      ) : !open ? (
        <button type="button" className="button" onClick={() => setOpen(true)} aria-expanded={false}>
          {t('activities.signUp', { title: a.title })}
        </button>
      ) : (
        <form
          className="form"
          aria-label={t('activities.formLabel', { title: a.title })}
          onSubmit={(e) => {
            e.preventDefault();
            signUp.mutate({ email, name });
          }}
        >
          <Field label={t('activities.name')} value={name} onChange={(e) => setName(e.target.value)} autoComplete="given-name" required error={fields.name} />
          <Field label={t('activities.email')} hint={t('activities.emailHint')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required error={fields.email} />
          <button type="submit" className="button" disabled={signUp.isPending}>
            {t('activities.send')}
          </button>
          {signUp.error && !fields.email && !fields.name && <Alert>{signUp.error instanceof ApiError ? signUp.error.message : t('error')}</Alert>}
        </form>
      )}
    </li>
  );
}
