import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../ui/Loading';
import { useMyGroups } from './api';
import './guidance.css';

/** The groups whose closed feed one may read, with what is new. */
export default function GroupsPage() {
  const { t } = useTranslation('guidance');
  const { data, isLoading } = useMyGroups();
  return (
    <section className="page">
      <h1>{t('feed.groupsTitle')}</h1>
      <p>{t('feed.groupsIntro')}</p>
      {isLoading || !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <p>{t('feed.noGroups')}</p>
      ) : (
        <ul className="plain-list">
          {data.items.map((g) => (
            <li key={g.id}>
              <Link to={`/groepen/${g.id}`}>{g.name}</Link>{' '}
              {g.unread > 0 && <span className="badge">{t('feed.unread', { count: g.unread })}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
