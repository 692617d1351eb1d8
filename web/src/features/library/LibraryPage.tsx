import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { COMPETENCES, useExercises, useTeacherAssignments } from './api';
import './library.css';

/** The Loopbaanmagazijn: exercises per competence, and the assignments of the teacher's groups. */
export default function LibraryPage() {
  const { t } = useTranslation('library');
  const [competence, setCompetence] = useState('');
  const { data, isLoading, error } = useExercises(competence);
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <MyGroupAssignments />
      <h2>{t('exercises')}</h2>
      <div className="field">
        <label htmlFor="competence">{t('filter')}</label>
        <select id="competence" value={competence} onChange={(e) => setCompetence(e.target.value)}>
          <option value="">{t('allCompetences')}</option>
          {COMPETENCES.map((c) => (
            <option key={c} value={c}>
              {t(`competences.${c}`)}
            </option>
          ))}
        </select>
      </div>
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('errors.generic')}</Alert>
      ) : (
        <ul className="exercise-list" aria-live="polite">
          {data!.items.map((x) => (
            <li key={x.id} className="card">
              <h3>
                <Link to={`/loopbaanmagazijn/${x.id}`}>{x.title}</Link>
              </h3>
              {x.series && <p className="muted">{x.series}</p>}
              <ul className="chips" aria-label={t('competencesLabel')}>
                {x.competencies.map((c) => (
                  <li key={c} className="chip">
                    {t(`competences.${c}`)}
                  </li>
                ))}
              </ul>
              <p>{x.summary}</p>
              <p className="muted">
                {t('minutes', { count: x.durationMinutes })} · {t(`source.${x.source}`, { name: x.institutionName })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MyGroupAssignments() {
  const { t, i18n } = useTranslation('library');
  const { data } = useTeacherAssignments();
  if (!data || data.items.length === 0) return null;
  return (
    <section aria-labelledby="given" className="card">
      <h2 id="given">{t('given')}</h2>
      <ul className="list">
        {data.items.map((a) => (
          <li key={a.id}>
            <Link to={`/loopbaanmagazijn/opdrachten/${a.id}`}>{a.exercise.title}</Link> — {a.group.code}, {t('due', { date: formatDate(a.dueOn, i18n.language) })},{' '}
            {t('completedCount', { completed: a.completed, students: a.students })}
          </li>
        ))}
      </ul>
    </section>
  );
}
