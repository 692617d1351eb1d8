import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../ui/format';
import { useSummary } from './api';
import './portfolio.css';

/** The LOBbook on the student's home: new feedback (the notification), overdue actions, a quick start. */
export function PortfolioHomeSummary({ studentId }: { studentId: string }) {
  const { t, i18n } = useTranslation('portfolio');
  const { data } = useSummary(studentId);
  return (
    <section aria-labelledby="home-lobbook" className="card">
      <h2 id="home-lobbook">{t('home.title')}</h2>
      {data && <p>{t('home.summary', { count: data.entryCount })}</p>}
      {data && data.newFeedback.length > 0 && (
        <>
          <h3>{t('home.newFeedback')}</h3>
          <ul className="list">
            {data.newFeedback.map((f) => (
              <li key={f.entryId}>
                <Link to={`/portfolio/ervaring/${f.entryId}`}>{f.title}</Link> <span className="tag tag--new">{t('list.newFeedback', { count: f.count })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {data && data.overdueActions.length > 0 && (
        <>
          <h3>{t('home.overdue')}</h3>
          <ul className="list">
            {data.overdueActions.map((a) => (
              <li key={a.id} className="overdue">
                {t('home.overdueItem', { action: a.description, date: a.dueOn ? formatDate(a.dueOn, i18n.language) : '' })}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/portfolio/plan">{t('home.toPlan')}</Link>
          </p>
        </>
      )}
      <div className="actions-row">
        <Link className="button" to="/portfolio/nieuw">
          {t('home.addEntry')}
        </Link>
        <Link className="button button--secondary" to="/portfolio">
          {t('home.openBook')}
        </Link>
      </div>
    </section>
  );
}
