import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { useMyAssignments } from './api';
import './library.css';

/** The student's assignments from the Loopbaanmagazijn: open ones first. */
export default function MyAssignmentsPage() {
  const { t, i18n } = useTranslation('library');
  const { data, isLoading, error } = useMyAssignments();
  return (
    <section className="page">
      <h1>{t('mine.title')}</h1>
      <p className="lead">{t('mine.intro')}</p>
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('errors.generic')}</Alert>
      ) : data!.items.length === 0 ? (
        <p>{t('mine.empty')}</p>
      ) : (
        <ul className="exercise-list">
          {data!.items.map((a) => (
            <li key={a.id} className="card">
              <h2>
                <Link to={`/loopbaanmagazijn/opdrachten/${a.id}`}>{a.exercise.title}</Link>
              </h2>
              <p>
                {t('due', { date: formatDate(a.dueOn, i18n.language) })} · <strong>{a.completedAt ? t('completions.done') : t('completions.open')}</strong>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
