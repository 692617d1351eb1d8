import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { useAssignment, type Assignment } from './api';
import { Attachments } from './Attachments';
import './library.css';

/** An assignment: the teacher sees who completed it; the student does it here as a LOBbook entry. */
export default function AssignmentPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation('library');
  const { data: a, isLoading, error } = useAssignment(id);
  if (isLoading) return <Loading />;
  if (error || !a) return <Alert>{t('errors.notFound')}</Alert>;
  return (
    <section className="page">
      <h1>{a.exercise.title}</h1>
      <p className="lead">
        {a.group.code} · {t('due', { date: formatDate(a.dueOn, i18n.language) })}
      </p>
      {a.note && <p>{a.note}</p>}
      {a.view === 'teacher' ? <Completions assignment={a} /> : <StudentView assignment={a} />}
    </section>
  );
}

function Completions({ assignment: a }: { assignment: Assignment }) {
  const { t } = useTranslation('library');
  const done = (a.completions ?? []).filter((c) => c.completedAt).length;
  return (
    <section aria-labelledby="who" className="card">
      <h2 id="who">{t('completions.title')}</h2>
      <p role="status">{t('completedCount', { completed: done, students: a.completions?.length ?? 0 })}</p>
      <ul className="list">
        {(a.completions ?? []).map((c) => (
          <li key={c.studentId}>
            {c.displayName}: <strong>{c.completedAt ? t('completions.done') : t('completions.open')}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

function StudentView({ assignment: a }: { assignment: Assignment }) {
  const { t } = useTranslation('library');
  const qc = useQueryClient();
  const [reflection, setReflection] = useState({ orientatie: '', mening: '', reflectie: '' });
  const [shareWithMentor, setShareWithMentor] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    try {
      await api(`/library/assignments/${a.id}/complete`, { method: 'POST', body: { reflection, sharing: shareWithMentor ? ['mentor'] : [] } });
      await qc.invalidateQueries({ queryKey: ['library'] });
    } catch (err) {
      setErrors(err instanceof ApiError ? { ...err.fields, form: err.message } : { form: t('errors.generic') });
    }
  }
  return (
    <>
      <section aria-labelledby="todo" className="card">
        <h2 id="todo">{t('forStudent')}</h2>
        <p className="instructions">{a.studentInstructions}</p>
      </section>
      <Attachments exerciseId={a.exercise.id} attachments={a.attachments ?? []} canEdit={false} />
      {a.completedAt ? (
        <Alert kind="success">
          {t('complete.done')} <Link to={`/portfolio/ervaring/${a.entryId}`}>{t('complete.seeEntry')}</Link>
        </Alert>
      ) : (
        <section aria-labelledby="do" className="card">
          <h2 id="do">{t('complete.title')}</h2>
          <p>{t('complete.intro')}</p>
          {errors.form && <Alert>{errors.form}</Alert>}
          <form className="form" onSubmit={submit} noValidate>
            {(['orientatie', 'mening', 'reflectie'] as const).map((k) => {
              const error = errors[`reflection.${k}`];
              return (
                <div key={k} className={`field${error ? ' field--error' : ''}`}>
                  <label htmlFor={`r-${k}`}>{t(`complete.${k}`)}</label>
                  {error && <p className="field__error" id={`r-${k}-error`}>{error}</p>}
                  <textarea id={`r-${k}`} aria-describedby={error ? `r-${k}-error` : undefined} value={reflection[k]} onChange={(e) => setReflection({ ...reflection, [k]: e.target.value })} />
                </div>
              );
            })}
            <label className="check-row">
              <input type="checkbox" checked={shareWithMentor} onChange={(e) => setShareWithMentor(e.target.checked)} /> {t('complete.share')}
            </label>
            <button type="submit" className="button">
              {t('complete.save')}
            </button>
          </form>
        </section>
      )}
    </>
  );
}
