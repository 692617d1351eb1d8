import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useRelatedStudents } from '../students/api';
import { useCaseload, useStudentConversations } from './api';
import { StudentAgenda } from './StudentGuidanceSection';
import { When } from './ui';
import './guidance.css';

/** On the mentor's home: how many students need attention, with the way to the caseload. */
export function MentorGuidanceHome() {
  const { t } = useTranslation('guidance');
  const { data } = useCaseload('?sort=signals');
  const needing = (data?.items ?? []).filter((s) => s.signals.length > 0).length;
  return (
    <section aria-labelledby="guidance-home" className="card">
      <h2 id="guidance-home">{t('home.mentorTitle')}</h2>
      {data && <p>{t('home.mentorText', { count: needing, total: data.items.length })}</p>}
      <p>
        <Link to="/begeleiding">{t('home.toCaseload')}</Link>
      </p>
    </section>
  );
}

/** On the parent's home: per child the upcoming appointments, agreements and LOB status. */
export function ParentGuidanceHome() {
  const { data } = useRelatedStudents();
  const children = (data?.items ?? []).filter((s) => s.relation === 'parent');
  return (
    <>
      {children.map((c) => (
        <ChildCard key={c.id} id={c.id} name={c.displayName} />
      ))}
    </>
  );
}

function ChildCard({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation('guidance');
  const conversations = useStudentConversations(id);
  const status = useQuery({
    queryKey: ['guidance', 'lob-status', id],
    queryFn: () => api<{ required: number; done: number; fulfilled: boolean }>(`/students/${id}/lob-status`),
    retry: false,
  });
  const agreements = (conversations.data?.items ?? []).flatMap((c) => c.agreements.map((a) => ({ ...a, heldOn: c.heldOn }))).filter((a) => a.status !== 'done');
  const headingId = `child-${id}`;
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{t('home.childTitle', { name })}</h2>
      <StudentAgenda studentId={id} headingLevel={3} />
      <h3>{t('home.agreements')}</h3>
      {agreements.length === 0 ? (
        <p>{t('agreements.none')}</p>
      ) : (
        <ul className="agreements">
          {agreements.map((a) => (
            <li key={a.id}>
              {a.action}
              {a.dueOn && (
                <span className="muted">
                  {' '}
                  — {t('agreements.due')} <When iso={a.dueOn} />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {status.data && (
        <>
          <h3>{t('home.lobStatus')}</h3>
          <p>{status.data.fulfilled ? t('home.lobFulfilled') : t('home.lobProgress', { done: status.data.done, required: status.data.required })}</p>
        </>
      )}
      <p>
        <Link to={`/studenten/${id}`}>{t('home.toFile', { name })}</Link>
      </p>
    </section>
  );
}
