import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import { hasRole, useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDateTime } from '../../ui/format';
import { useActivity, useParticipants, type Participant } from './api';
import { SignupControls } from './ActivitiesPage';
import './programme.css';

/** One activity; its organiser records here who took part. */
export default function ActivityPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation('programme');
  const { data: me } = useMe();
  const { data: a, isLoading, error } = useActivity(id);
  if (isLoading) return <Loading />;
  if (error || !a) return <Alert>{t('errors.notFound')}</Alert>;
  return (
    <section className="page">
      <h1>{a.title}</h1>
      <dl className="facts">
        <dt>{t('activity.kind')}</dt>
        <dd>{t(`kinds.${a.kind}`)}</dd>
        <dt>{t('activity.when')}</dt>
        <dd>{formatDateTime(a.startsAt, i18n.language)}</dd>
        {a.location && (
          <>
            <dt>{t('activity.where')}</dt>
            <dd>{a.location}</dd>
          </>
        )}
        <dt>{t('activity.places')}</dt>
        <dd>{a.capacity === null ? t('activities.noLimit') : t('activity.placesTaken', { registered: a.registered, capacity: a.capacity, waitlisted: a.waitlisted })}</dd>
        {(a.competencies.length > 0 || (a.dimensions?.length ?? 0) > 0) && (
          <>
            <dt>{t('activity.addresses')}</dt>
            <dd>{[...a.competencies.map((k) => t(`competence.${k}`)), ...(a.dimensions ?? []).map((k) => t(`dimension.${k}`))].join(', ')}</dd>
          </>
        )}
        {a.organiser && (
          <>
            <dt>{t('activity.organiser')}</dt>
            <dd>{a.organiser.displayName}</dd>
          </>
        )}
      </dl>
      {a.description && <p>{a.description}</p>}
      {hasRole(me, 'student') && <SignupControls activity={a} />}
      {a.canManage && <Participation activityId={a.id} />}
    </section>
  );
}

function Participation({ activityId }: { activityId: string }) {
  const { t } = useTranslation('programme');
  const qc = useQueryClient();
  const { data, isLoading } = useParticipants(activityId, true);
  const [attended, setAttended] = useState<Record<string, boolean>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  if (isLoading || !data) return <Loading />;
  const value = (p: Participant) => attended[p.studentId] ?? p.attended ?? false;
  async function save(event: React.FormEvent) {
    event.preventDefault();
    try {
      await api(`/lob/activities/${activityId}/participation`, { method: 'PUT', body: { items: data!.items.map((p) => ({ studentId: p.studentId, attended: value(p) })) } });
      setMessage({ kind: 'success', text: t('participation.saved') });
      await qc.invalidateQueries({ queryKey: ['lob'] });
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t('errors.generic') });
    }
  }
  return (
    <section aria-labelledby="participation" className="card">
      <h2 id="participation">{t('participation.title')}</h2>
      {data.items.length === 0 ? (
        <p>{t('participation.empty')}</p>
      ) : (
        <form onSubmit={save}>
          <fieldset>
            <legend>{t('participation.legend')}</legend>
            {data.items.map((p) => (
              <label key={p.studentId} className="check-row">
                <input type="checkbox" checked={value(p)} onChange={(e) => setAttended({ ...attended, [p.studentId]: e.target.checked })} />
                {p.displayName}
                {p.groupCode ? ` (${p.groupCode})` : ''}
                {p.status === 'waitlisted' ? ` — ${t('participation.waitlist', { position: p.position })}` : ''}
              </label>
            ))}
          </fieldset>
          {message && <Alert kind={message.kind}>{message.text}</Alert>}
          <button type="submit" className="button">
            {t('participation.save')}
          </button>
        </form>
      )}
    </section>
  );
}
