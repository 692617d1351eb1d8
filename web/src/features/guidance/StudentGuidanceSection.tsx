import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../app/api';
import { hasRole, useMe } from '../../app/auth';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useStudentAgenda, useStudentAttendance, useStudentConversations, type Conversation } from './api';
import { When } from './ui';
import './guidance.css';

/**
 * On a student's file: career conversations with their agreements, upcoming appointments and
 * attendance — for the student's mentor and a parent who may see the record. The mentor plans
 * the next conversation here. Without that relation the server refuses and the section stays away.
 */
export function StudentGuidanceSection({ studentId }: { studentId: string }) {
  const { t } = useTranslation('guidance');
  const { data: me } = useMe();
  const conversations = useStudentConversations(studentId);
  if (conversations.error) return null;
  const items = conversations.data?.items ?? [];
  // Only a mentor plans; the server checks that it is this student's mentor.
  const canPlan = hasRole(me, 'mentor') && me?.id !== studentId;
  return (
    <>
      <section aria-labelledby="conversations" className="card">
        <h2 id="conversations">{t('student.conversations')}</h2>
        {conversations.isLoading ? <Loading /> : <ConversationList items={items} />}
        {canPlan && <PlanForm studentId={studentId} />}
      </section>
      <StudentAgenda studentId={studentId} />
      <StudentAttendance studentId={studentId} />
    </>
  );
}

export function ConversationList({ items }: { items: Conversation[] }) {
  const { t } = useTranslation('guidance');
  if (items.length === 0) return <p>{t('student.noConversations')}</p>;
  return (
    <ul className="plain-list">
      {items.map((c) => (
        <li key={c.id}>
          <Link to={`/gesprekken/${c.id}`}>
            {t('conversation.title')} <When iso={c.heldOn ?? c.plannedAt} />
          </Link>{' '}
          <span className="muted">({t(`conversation.status.${c.status}`)})</span>
          {c.agreements.length > 0 && (
            <ul className="agreements" aria-label={t('agreements.title')}>
              {c.agreements.map((a) => (
                <li key={a.id}>
                  {a.action}
                  {a.dueOn && (
                    <span className="muted">
                      {' '}
                      — <When iso={a.dueOn} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Only a mentor may plan; the server decides, the form shows its answer. */
function PlanForm({ studentId }: { studentId: string }) {
  const { t } = useTranslation('guidance');
  const navigate = useNavigate();
  const [when, setWhen] = useState('');
  const [location, setLocation] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  async function plan(e: FormEvent) {
    e.preventDefault();
    try {
      const res = await api<{ id: string }>('/conversations', { body: { studentId, plannedAt: new Date(when).toISOString(), location } });
      navigate(`/gesprekken/${res.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? Object.values(err.fields)[0] ?? err.message : t('errors.generic'));
    }
  }
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('student.plan')}
      </button>
    );
  }
  return (
    <form onSubmit={plan}>
      <h3>{t('student.plan')}</h3>
      <Field label={t('student.plannedAt')} type="datetime-local" required value={when} error={error} onChange={(e) => setWhen(e.target.value)} />
      <Field label={t('student.location')} value={location} maxLength={200} onChange={(e) => setLocation(e.target.value)} />
      <button type="submit" className="button">
        {t('student.planSubmit')}
      </button>
    </form>
  );
}

export function StudentAgenda({ studentId, headingLevel = 2 }: { studentId: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('guidance');
  const { data, error } = useStudentAgenda(studentId);
  if (error || !data) return null;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const id = `agenda-${studentId}`;
  return (
    <section aria-labelledby={id} className={headingLevel === 2 ? 'card' : undefined}>
      <H id={id}>{t('student.appointments')}</H>
      {data.items.length === 0 ? (
        <p>{t('agenda.none')}</p>
      ) : (
        <ul className="plain-list">
          {data.items.map((a) => (
            <li key={a.id}>
              <strong>{a.title}</strong> — <When iso={a.startsAt} />
              {a.location && <span className="muted"> · {a.location}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StudentAttendance({ studentId }: { studentId: string }) {
  const { t } = useTranslation('guidance');
  const { data, error } = useStudentAttendance(studentId);
  if (error || !data) return null;
  return (
    <section aria-labelledby="attendance-summary" className="card">
      <h2 id="attendance-summary">{t('attendance.summaryTitle')}</h2>
      {data.total === 0 ? (
        <p>{t('attendance.noneRecorded')}</p>
      ) : (
        <p>
          {t('attendance.summary', { weeks: data.weeks, total: data.total, present: data.counts.present, late: data.counts.late, excused: data.counts.absent_excused, unexcused: data.counts.absent_unexcused })}
        </p>
      )}
    </section>
  );
}
