import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { ATTENDANCE, keys, useSession, type AttendanceStatus } from './api';
import { When } from './ui';
import './guidance.css';

/** Taking attendance on a phone: one row per student, one tap per status. Saved at once. */
export default function SessionPage() {
  const { t } = useTranslation('guidance');
  const { id } = useParams();
  const { data, error, isLoading } = useSession(id);
  if (isLoading) return <Loading />;
  if (error || !data) {
    return (
      <section className="page">
        <h1>{t('attendance.title')}</h1>
        <Alert>{error instanceof ApiError ? error.message : t('errors.generic')}</Alert>
      </section>
    );
  }
  const done = data.students.filter((s) => s.status).length;
  return (
    <section className="page">
      <h1>{data.title}</h1>
      <p className="lead">
        {data.group.code} · <When iso={data.heldOn} />
      </p>
      <p role="status">{t('attendance.progress', { done, total: data.students.length })}</p>
      {data.students.map((s) => (
        <StudentRow key={s.id} sessionId={data.id} student={s} />
      ))}
      <p>
        <Link to="/aanwezigheid">{t('attendance.back')}</Link>
      </p>
    </section>
  );
}

/**
 * One student's mark. The row keeps its own choice, so quick taps or arrow keys are never undone
 * by a reload in between; saves of one row run one after another (the last choice is the one
 * stored), and a failed save says so on the row instead of vanishing.
 */
function StudentRow({ sessionId, student }: { sessionId: string; student: { id: string; displayName: string; status: AttendanceStatus | null; reason: string } }) {
  const { t } = useTranslation('guidance');
  const qc = useQueryClient();
  const [status, setStatus] = useState(student.status);
  const [reason, setReason] = useState(student.reason);
  const saving = useMutation({
    scope: { id: `attendance:${sessionId}:${student.id}` },
    mutationFn: (mark: { status: AttendanceStatus; reason: string }) =>
      api(`/attendance/sessions/${sessionId}/students/${student.id}`, { method: 'PUT', body: mark }),
    onSettled: () => qc.invalidateQueries({ queryKey: [...keys.all, `/attendance/sessions/${sessionId}`] }),
  });
  const save = (next: AttendanceStatus, why = reason) => {
    setStatus(next);
    saving.mutate({ status: next, reason: why });
  };
  const name = `att-${student.id}`;
  return (
    <div className="attendance-row">
      <fieldset>
        <legend>{student.displayName}</legend>
        <div className="choice-buttons">
          {ATTENDANCE.map((option) => (
            <label key={option}>
              <input type="radio" name={name} checked={status === option} onChange={() => save(option)} />
              <span>{t(`attendance.status.${option}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {saving.isError && <Alert>{t('attendance.saveFailed', { name: student.displayName })}</Alert>}
      {status === 'absent_excused' && (
        <div className="field">
          <label htmlFor={`${name}-reason`}>{t('attendance.reason')}</label>
          <input id={`${name}-reason`} value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} onBlur={() => save('absent_excused', reason)} />
        </div>
      )}
    </div>
  );
}
