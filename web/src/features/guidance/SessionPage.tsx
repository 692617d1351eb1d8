import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { ATTENDANCE, useRefresh, useSession, type AttendanceStatus } from './api';
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

function StudentRow({ sessionId, student }: { sessionId: string; student: { id: string; displayName: string; status: AttendanceStatus | null; reason: string } }) {
  const { t } = useTranslation('guidance');
  const refresh = useRefresh();
  const [reason, setReason] = useState(student.reason);
  const save = async (status: AttendanceStatus, why = reason) => {
    await api(`/attendance/sessions/${sessionId}/students/${student.id}`, { method: 'PUT', body: { status, reason: why } });
    await refresh();
  };
  const name = `att-${student.id}`;
  return (
    <div className="attendance-row">
      <fieldset>
        <legend>{student.displayName}</legend>
        <div className="choice-buttons">
          {ATTENDANCE.map((status) => (
            <label key={status}>
              <input type="radio" name={name} checked={student.status === status} onChange={() => void save(status)} />
              <span>{t(`attendance.status.${status}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {student.status === 'absent_excused' && (
        <div className="field">
          <label htmlFor={`${name}-reason`}>{t('attendance.reason')}</label>
          <input id={`${name}-reason`} value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} onBlur={() => void save('absent_excused', reason)} />
        </div>
      )}
    </div>
  );
}
