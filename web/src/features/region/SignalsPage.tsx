import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { useSignals } from './api';
import './region.css';

/** For the regional coordinator: cases whose follow-up date passed without activity, and young people nobody owns yet. */
export default function SignalsPage() {
  const { t, i18n } = useTranslation('region');
  const { data, isLoading } = useSignals();
  if (isLoading) return <Loading />;
  const items = data?.items ?? [];
  return (
    <section className="page">
      <h1>{t('signals.title')}</h1>
      <p>{t('signals.intro')}</p>
      <p role="status">{t('signals.count', { count: items.length })}</p>
      <ul className="youth-list">
        {items.map((s) => (
          <li key={`${s.kind}-${s.youthId}`}>
            <h2 className="h3-like">
              <Link to={`/regio/jongeren/${s.youthId}`}>{s.name}</Link>
            </h2>
            <p>
              <strong className="overdue">{s.kind === 'follow_up_overdue' ? t('signals.overdue', { date: formatDate(s.followUpOn!, i18n.language), count: s.daysOverdue }) : t('signals.noOwner', { date: formatDate(s.since, i18n.language) })}</strong>
            </p>
            {s.owner && <p className="muted">{t('list.ownerIs', { name: s.owner.displayName })}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
