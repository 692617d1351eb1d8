import { type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import { useDraft } from '../../app/drafts';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { useRefresh, useThread } from './api';
import { TextArea, When } from './ui';
import './guidance.css';

/** The messages between me and one other person. */
export default function ThreadPage() {
  const { t } = useTranslation('guidance');
  const { userId } = useParams();
  const { data, error, isLoading } = useThread(userId);
  const refresh = useRefresh();
  // kept as a draft, so a session that ends mid-message loses nothing
  const [body, setBody, clearBody] = useDraft(`message:${userId}`);
  const sending = useMutation({
    mutationFn: () => api(`/messages/with/${userId}`, { body: { body } }),
    onSuccess: async () => {
      clearBody();
      await refresh();
    },
  });
  function send(e: FormEvent) {
    e.preventDefault();
    sending.mutate();
  }
  if (isLoading) return <Loading />;
  if (error || !data) {
    return (
      <section className="page">
        <h1>{t('messages.title')}</h1>
        <Alert>{error instanceof ApiError ? error.message : t('errors.generic')}</Alert>
      </section>
    );
  }
  return (
    <section className="page">
      <h1>{t('messages.with', { name: data.other.displayName })}</h1>
      <p>
        <Link to="/berichten">{t('messages.back')}</Link>
      </p>
      {data.items.length === 0 ? (
        <p>{t('messages.empty')}</p>
      ) : (
        <ol className="plain-list" aria-label={t('messages.threadLabel')}>
          {data.items.map((m) => (
            <li key={m.id} className={`bubble${m.mine ? ' bubble--mine' : ''}`}>
              <span className="visually-hidden">{m.mine ? t('messages.you') : data.other.displayName}: </span>
              {m.body}
              <br />
              <small className="muted">
                <When iso={m.createdAt} />
              </small>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={send} className="card">
        <TextArea label={t('messages.new')} value={body} required maxLength={4000} onChange={(e) => setBody(e.target.value)} />
        {sending.isError && <Alert>{sending.error instanceof ApiError ? sending.error.message : t('errors.generic')}</Alert>}
        {sending.isSuccess && !body && <Alert kind="success">{t('messages.sent')}</Alert>}
        <button type="submit" className="button" disabled={sending.isPending}>
          {t('messages.send')}
        </button>
      </form>
    </section>
  );
}
