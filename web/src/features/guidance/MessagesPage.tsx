import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../ui/Loading';
import { useContacts, useThreads } from './api';
import { When } from './ui';
import './guidance.css';

/** Direct messages: my conversations, and the people I can write to. */
export default function MessagesPage() {
  const { t } = useTranslation('guidance');
  const threads = useThreads();
  const contacts = useContacts();
  return (
    <section className="page">
      <h1>{t('messages.title')}</h1>
      <section aria-labelledby="threads" className="card">
        <h2 id="threads">{t('messages.threads')}</h2>
        {threads.isLoading || !threads.data ? (
          <Loading />
        ) : threads.data.items.length === 0 ? (
          <p>{t('messages.none')}</p>
        ) : (
          <ul className="plain-list">
            {threads.data.items.map((th) => (
              <li key={th.otherId} className={th.unread > 0 ? 'unread' : undefined}>
                <Link to={`/berichten/${th.otherId}`}>{th.displayName}</Link>
                {th.unread > 0 && <> <span className="badge">{t('messages.unread', { count: th.unread })}</span></>}
                <p className="muted break">
                  <When iso={th.lastAt} /> — {th.lastMessage}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="contacts" className="card">
        <h2 id="contacts">{t('messages.writeTo')}</h2>
        {contacts.data && contacts.data.items.length === 0 && <p>{t('messages.noContacts')}</p>}
        <ul className="plain-list">
          {(contacts.data?.items ?? []).map((c) => (
            <li key={c.id}>
              <Link to={`/berichten/${c.id}`}>{c.displayName}</Link> <span className="muted">({t(`messages.relation.${c.relation}`)})</span>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
