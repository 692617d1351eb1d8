import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../ui/Loading';
import { useLobStatus, type ComponentStatus } from './api';
import './programme.css';

const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The components of the status, sorted for the student: done, open in the current period, missed. */
export function groupComponents(components: ComponentStatus[], today: string) {
  return {
    done: components.filter((c) => c.status === 'met'),
    now: components.filter((c) => c.status === 'open' && c.from <= today && today <= c.to),
    later: components.filter((c) => c.status === 'open' && c.from > today),
    missed: components.filter((c) => c.status === 'missed'),
  };
}

/** On the student's home: the LOB status in plain words — what is done, what is open this period. */
export function LobHomeCard({ studentId }: { studentId: string }) {
  const { t } = useTranslation('programme');
  const { data, isLoading, error } = useLobStatus(studentId);
  if (isLoading) return <Loading />;
  if (error || !data) return null;
  const groups = groupComponents(data.components, localToday());
  return (
    <section aria-labelledby="lob-home" className="card lob-home">
      <h2 id="lob-home">{t('home.title')}</h2>
      {data.reason ? (
        <p>{t(`status.reason.${data.reason}`)}</p>
      ) : (
        <>
          <p className="status-summary">{data.fulfilled ? t('home.fulfilled') : t('home.progress', { done: data.done, required: data.required })}</p>
          <div className="progress-bar" aria-hidden="true">
            <span style={{ width: `${data.required ? Math.round((data.done / data.required) * 100) : 0}%` }} />
          </div>
          <h3>{t('home.now')}</h3>
          {groups.now.length === 0 ? (
            <p>{t('home.nothingNow')}</p>
          ) : (
            <ul>
              {groups.now.map((c) => (
                <li key={c.id}>{t('home.openItem', { title: c.title, done: c.done, required: c.required })}</li>
              ))}
            </ul>
          )}
          {groups.missed.length > 0 && (
            <>
              <h3>{t('home.missed')}</h3>
              <ul>
                {groups.missed.map((c) => (
                  <li key={c.id}>{c.title}</li>
                ))}
              </ul>
              <p>{t('home.missedAdvice')}</p>
            </>
          )}
          <h3>{t('home.done')}</h3>
          {groups.done.length === 0 ? (
            <p>{t('home.nothingDone')}</p>
          ) : (
            <ul>
              {groups.done.map((c) => (
                <li key={c.id}>{c.title}</li>
              ))}
            </ul>
          )}
          {groups.later.length > 0 && <p className="muted">{t('home.later', { count: groups.later.length })}</p>}
        </>
      )}
      <p>
        <Link to="/lob/voortgang">{t('home.more')}</Link>
      </p>
    </section>
  );
}
