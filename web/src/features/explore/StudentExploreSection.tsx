import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../ui/format';
import { useExploration } from './api';

/** What a student explored. On the student's file the mentor sees it before a conversation; nothing shows for others. */
export function StudentExploreSection({ studentId }: { studentId: string }) {
  const { t } = useTranslation('explore');
  const { data } = useExploration(studentId);
  if (!data) return null;
  return (
    <section className="card" aria-labelledby="explored-title">
      <h2 id="explored-title">{t('student.title')}</h2>
      <ExplorationBody data={data} />
      <p>{data.buddy.exists ? t('student.buddy', { date: formatDate(data.buddy.since!, 'nl') }) : t('student.noBuddy')}</p>
    </section>
  );
}

export function ExplorationSummary({ studentId }: { studentId: string }) {
  const { t } = useTranslation('explore');
  const { data } = useExploration(studentId);
  if (!data) return null;
  return (
    <section aria-labelledby="explored-title">
      <h2 id="explored-title">{t('mine.explored')}</h2>
      <ExplorationBody data={data} />
    </section>
  );
}

function ExplorationBody({ data }: { data: NonNullable<ReturnType<typeof useExploration>['data']> }) {
  const { t, i18n } = useTranslation('explore');
  return (
    <>
      <h3>{t('student.viewed')}</h3>
      {data.viewed.length === 0 ? (
        <p className="muted">{t('student.nothingViewed')}</p>
      ) : (
        <ul className="list">
          {data.viewed.map((v) => (
            <li key={v.id}>
              <Link to={v.kind === 'programme' ? `/verkennen/opleidingen/${v.id}` : `/verkennen/beroepen/${v.id}`}>{v.name}</Link>{' '}
              <span className="muted">{t('student.times', { count: v.times, date: formatDate(v.lastViewedAt, i18n.language) })}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('student.links')}</h3>
      {data.links.length === 0 ? (
        <p className="muted">{t('student.noLinks')}</p>
      ) : (
        <ul className="list">
          {data.links.map((l) => (
            <li key={l.entryId}>
              <Link to={`/portfolio/ervaring/${l.entryId}`}>{l.entryTitle}</Link> → {l.occupation?.name ?? l.programme?.name}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
