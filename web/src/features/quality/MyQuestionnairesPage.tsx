import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { useMyQuestionnaires } from './api';

/** The questionnaires I am asked to fill in, and the ones I did. */
export default function MyQuestionnairesPage() {
  const { t, i18n } = useTranslation('quality');
  const { data, isLoading, error } = useMyQuestionnaires();
  return (
    <section className="page">
      <h1>{t('mine.title')}</h1>
      <p className="lead">{t('mine.intro')}</p>
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('errors.generic')}</Alert>
      ) : data!.items.length === 0 ? (
        <p>{t('mine.none')}</p>
      ) : (
        <ul className="list">
          {data!.items.map((q) => (
            <li key={q.id}>
              <Link to={`/vragenlijsten/${q.id}`}>{q.title}</Link>
              <p className="muted">
                {q.responded ? t('mine.done') : q.status === 'open' ? t('mine.open') : t(`status.${q.status}`)}
                {q.closesOn && !q.responded && q.status === 'open' && <> · {t('mine.until', { date: formatDate(q.closesOn, i18n.language) })}</>}
                {q.anonymous && <> · {t('mine.anonymous')}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
