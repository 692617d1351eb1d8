import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { hasRole, useMe } from '../../app/auth';
import { api } from '../../app/api';
import { Loading } from '../../ui/Loading';
import { useAgenda, useCalendarToken, useRefresh, type AgendaItem } from './api';
import { Saved, When } from './ui';
import './guidance.css';

/** Appointments with invitations, answers, visit confirmation and the calendar feed address. */
export default function AgendaPage() {
  const { t } = useTranslation('guidance');
  const { data, isLoading } = useAgenda();
  const { data: me } = useMe();
  const planned = (useLocation().state as { planned?: string } | null)?.planned;
  const [status, setStatus] = useState<string | null>(planned ? t('agenda.planned', { title: planned }) : null);
  const canPlan = hasRole(me, 'mentor', 'docent', 'lob_coordinator');
  return (
    <section className="page">
      <h1>{t('agenda.title')}</h1>
      {canPlan && (
        <p>
          <Link to="/agenda/plannen" className="button">
            {t('agenda.plan')}
          </Link>
        </p>
      )}
      <Saved text={status} />
      <section aria-labelledby="upcoming" className="card">
        <h2 id="upcoming">{t('agenda.upcoming')}</h2>
        {isLoading || !data ? (
          <Loading />
        ) : data.items.length === 0 ? (
          <p>{t('agenda.none')}</p>
        ) : (
          <ul className="plain-list">
            {data.items.map((a) => (
              <AgendaRow key={a.id} item={a} onCancelled={(title) => setStatus(t('agenda.cancelled', { title }))} />
            ))}
          </ul>
        )}
      </section>
      <CalendarFeed />
    </section>
  );
}

function AgendaRow({ item: a, onCancelled }: { item: AgendaItem; onCancelled: (title: string) => void }) {
  const { t } = useTranslation('guidance');
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const cancel = async () => {
    await api(`/appointments/${a.id}`, { method: 'DELETE' });
    onCancelled(a.title);
    await refresh();
  };
  const respond = async (response: 'accepted' | 'declined') => {
    await api(`/appointments/${a.id}/response`, { body: { response } });
    await refresh();
  };
  const confirm = async () => {
    await api(`/appointments/${a.id}/confirm`, { method: 'POST' });
    await refresh();
  };
  return (
    <li>
      <h3 className="h3-like">{a.title}</h3>
      <p>
        <When iso={a.startsAt} />
        {a.location && <> · {a.location}</>}
      </p>
      <p className="muted">
        {t(`agenda.kind.${a.kind}`)}
        {a.student && <> · {a.student.displayName}</>}
        {a.organiser && !a.isOrganiser && <> · {t('agenda.by', { name: a.organiser.displayName })}</>}
        {a.myResponse && !a.isOrganiser && <> · {t(`agenda.response.${a.myResponse}`)}</>}
        {a.kind === 'internship_visit' && <> · {a.confirmedAt ? t('agenda.confirmed') : t('agenda.notConfirmed')}</>}
      </p>
      <div className="row-actions">
        {a.conversationId && <Link to={`/gesprekken/${a.conversationId}`}>{t('agenda.openConversation')}</Link>}
        {a.myResponse && !a.isOrganiser && a.myResponse !== 'accepted' && (
          <button type="button" className="button button--secondary" onClick={() => void respond('accepted')}>
            {t('agenda.accept')}
          </button>
        )}
        {a.myResponse && !a.isOrganiser && a.myResponse !== 'declined' && (
          <button type="button" className="button button--quiet" onClick={() => void respond('declined')}>
            {t('agenda.decline')}
          </button>
        )}
        {a.canConfirm && !a.confirmedAt && (
          <button type="button" className="button" onClick={() => void confirm()}>
            {t('agenda.confirmVisit')}
          </button>
        )}
        {a.isOrganiser && !confirming && (
          <button type="button" className="button button--quiet" aria-label={t('agenda.cancelOf', { title: a.title })} onClick={() => setConfirming(true)}>
            {t('agenda.cancel')}
          </button>
        )}
      </div>
      {a.isOrganiser && <Invitees item={a} />}
      {confirming && (
        <div className="confirm-box" role="group" aria-label={t('agenda.cancelOf', { title: a.title })}>
          <p>{t('agenda.cancelQuestion')}</p>
          <div className="row-actions">
            <button type="button" className="button" onClick={() => void cancel()}>
              {t('agenda.cancelYes')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
              {t('agenda.cancelNo')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

/** For the organiser: who is invited and what they answered. */
function Invitees({ item: a }: { item: AgendaItem }) {
  const { t } = useTranslation('guidance');
  const others = (a.invitees ?? []).filter((i) => i.id !== a.organiser?.id);
  if (others.length === 0) return null;
  return (
    <details>
      <summary>{t('agenda.invitees', { count: others.length })}</summary>
      <ul>
        {others.map((i) => (
          <li key={i.id}>
            {i.displayName}: {t(`agenda.answer.${i.response}`)}
          </li>
        ))}
      </ul>
    </details>
  );
}

function CalendarFeed() {
  const { t } = useTranslation('guidance');
  const { data } = useCalendarToken();
  const refresh = useRefresh();
  const [url, setUrl] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const create = async () => {
    const res = await api<{ url: string }>('/calendar/token', { method: 'POST' });
    setUrl(res.url);
    setStatus(t('calendar.created'));
    await refresh();
  };
  const revoke = async () => {
    await api('/calendar/token', { method: 'DELETE' });
    setUrl(null);
    setStatus(t('calendar.revoked'));
    await refresh();
  };
  return (
    <section aria-labelledby="calendar" className="card">
      <h2 id="calendar">{t('calendar.title')}</h2>
      <p>{t('calendar.intro')}</p>
      {url && (
        <div className="field">
          <label htmlFor="calendar-url">{t('calendar.url')}</label>
          <input id="calendar-url" readOnly value={url} onFocus={(e) => e.target.select()} />
        </div>
      )}
      <p>{data?.active ? t('calendar.active') : t('calendar.inactive')}</p>
      <div className="row-actions">
        <button type="button" className="button button--secondary" onClick={() => void create()}>
          {data?.active ? t('calendar.renew') : t('calendar.create')}
        </button>
        {data?.active && (
          <button type="button" className="button button--quiet" onClick={() => void revoke()}>
            {t('calendar.revoke')}
          </button>
        )}
      </div>
      <Saved text={status} />
    </section>
  );
}
