import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { Loading } from '../../ui/Loading';
import { useNotifications, usePreferences, useRefresh } from './api';
import { Saved, When } from './ui';
import './guidance.css';

/** The notification centre, and which notifications also come by e-mail. */
export default function NotificationsPage() {
  const { t } = useTranslation('guidance');
  const { data, isLoading } = useNotifications();
  const refresh = useRefresh();
  const markAll = async () => {
    await api('/notifications/read', { body: {} });
    await refresh();
  };
  return (
    <section className="page">
      <h1>{t('notifications.title')}</h1>
      {isLoading || !data ? (
        <Loading />
      ) : (
        <section aria-labelledby="notification-list" className="card">
          <h2 id="notification-list">{t('notifications.unreadCount', { count: data.unread.notifications })}</h2>
          {data.items.length === 0 ? (
            <p>{t('notifications.none')}</p>
          ) : (
            <ul className="plain-list">
              {data.items.map((n) => (
                <li key={n.id} className={n.read ? undefined : 'unread'}>
                  <Link to={n.link}>{n.text}</Link>
                  {!n.read && <span className="visually-hidden"> ({t('notifications.new')})</span>}
                  <br />
                  <small className="muted">
                    <When iso={n.createdAt} />
                  </small>
                </li>
              ))}
            </ul>
          )}
          {data.unread.notifications > 0 && (
            <button type="button" className="button button--secondary" onClick={() => void markAll()}>
              {t('notifications.markAll')}
            </button>
          )}
          {data.unread.messages > 0 && (
            <p>
              <Link to="/berichten">{t('notifications.unreadMessages', { count: data.unread.messages })}</Link>
            </p>
          )}
        </section>
      )}
      <MailPreferences />
    </section>
  );
}

function MailPreferences() {
  const { t } = useTranslation('guidance');
  const { data } = usePreferences();
  const [kinds, setKinds] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (data) setKinds(data.kinds);
  }, [data]);
  async function save(e: FormEvent) {
    e.preventDefault();
    await api('/notifications/preferences', { method: 'PUT', body: { kinds } });
    setSaved(t('notifications.saved'));
  }
  if (!data) return null;
  return (
    <form onSubmit={save} className="card">
      <h2>{t('notifications.mailTitle')}</h2>
      <p>{t('notifications.mailIntro')}</p>
      <fieldset className="plain-fieldset">
        <legend>{t('notifications.mailLegend')}</legend>
        {data.available.map((k) => (
          <div key={k} className="check">
            <input type="checkbox" id={`mail-${k}`} checked={kinds.includes(k)} onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} />
            <label htmlFor={`mail-${k}`}>{t(`notifications.kind.${k}`)}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button">
        {t('notifications.save')}
      </button>
      <Saved text={saved} />
    </form>
  );
}
