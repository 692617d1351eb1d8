import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Link } from 'react-router';
import { api, ApiError } from '../../app/api';
import { hasRole, useMe } from '../../app/auth';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useMyGroups, useSessions } from './api';
import { When } from './ui';
import './guidance.css';

const KINDS = ['lesson', 'lob_activity', 'conversation'] as const;

/** Attendance: choose a group, start a session, mark who is there in a few taps. */
export default function AttendancePage() {
  const { t } = useTranslation('guidance');
  const { data: me } = useMe();
  const groups = useMyGroups();
  const [groupId, setGroupId] = useState('');
  useEffect(() => {
    if (!groupId && groups.data?.items[0]) setGroupId(groups.data.items[0].id);
  }, [groups.data, groupId]);
  const sessions = useSessions(groupId || undefined);
  if (!hasRole(me, 'mentor', 'docent')) return null;
  return (
    <section className="page">
      <h1>{t('attendance.title')}</h1>
      <div className="filters">
        <div>
          <label htmlFor="attendance-group">{t('attendance.group')}</label>
          <select id="attendance-group" value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            {(groups.data?.items ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {groupId && <NewSession groupId={groupId} />}
      <section aria-labelledby="sessions" className="card">
        <h2 id="sessions">{t('attendance.sessions')}</h2>
        {sessions.isLoading || !sessions.data ? (
          <Loading />
        ) : sessions.data.items.length === 0 ? (
          <p>{t('attendance.noSessions')}</p>
        ) : (
          <ul className="plain-list">
            {sessions.data.items.map((s) => (
              <li key={s.id}>
                <Link to={`/aanwezigheid/${s.id}`}>{s.title}</Link> — <When iso={s.heldOn} />{' '}
                <span className="muted">({t('attendance.recorded', { count: s.recorded })})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

function NewSession({ groupId }: { groupId: string }) {
  const { t } = useTranslation('guidance');
  const navigate = useNavigate();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('lesson');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | undefined>();
  async function start(e: FormEvent) {
    e.preventDefault();
    try {
      const res = await api<{ id: string }>(`/groups/${groupId}/attendance/sessions`, { body: { kind, title } });
      navigate(`/aanwezigheid/${res.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.fields.title ?? err.message : t('errors.generic'));
    }
  }
  return (
    <form onSubmit={start} className="card">
      <h2>{t('attendance.new')}</h2>
      <div className="field">
        <label htmlFor="session-kind">{t('attendance.kind')}</label>
        <select id="session-kind" value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`attendance.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <Field label={t('attendance.sessionTitle')} value={title} required maxLength={200} error={error} onChange={(e) => setTitle(e.target.value)} />
      <button type="submit" className="button">
        {t('attendance.start')}
      </button>
    </form>
  );
}
