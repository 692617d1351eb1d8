import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field, SelectField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useInvitees, useRefresh, type InviteeGroup } from './api';
import './guidance.css';

type Kind = 'internship_visit' | 'lob_activity' | 'other';
const KINDS: Kind[] = ['internship_visit', 'lob_activity', 'other'];

/** A YYYY-MM-DD date and HH:MM time on the reader's clock as an ISO instant. */
const instant = (date: string, time: string) => new Date(`${date}T${time}`).toISOString();

/**
 * Staff plan an appointment: an internship visit (the student and the praktijkopleider are
 * invited), an LOB activity or another appointment with students of their groups.
 */
export default function PlanAppointmentPage() {
  const { t } = useTranslation('guidance');
  const navigate = useNavigate();
  const refresh = useRefresh();
  const { data, isLoading } = useInvitees();
  const [kind, setKind] = useState<Kind>('internship_visit');
  const [title, setTitle] = useState('');
  const [location, setLocation] = useState('');
  const [date, setDate] = useState('');
  const [start, setStart] = useState('10:00');
  const [end, setEnd] = useState('11:00');
  const [studentId, setStudentId] = useState('');
  const [invitees, setInvitees] = useState<Set<string>>(new Set());
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);

  const interns = (data?.groups ?? []).flatMap((g) => g.students.filter((s) => s.praktijkopleider).map((s) => ({ ...s, group: g.code })));
  const intern = interns.find((s) => s.id === studentId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const visit = kind === 'internship_visit';
    const fields: Record<string, string> = {};
    if (end <= start) fields.endsAt = t('plan.endBeforeStart');
    if (visit && !studentId) fields.studentId = t('plan.chooseStudent');
    if (Object.keys(fields).length > 0) return setError({ message: t('plan.fix'), fields });
    try {
      await api('/appointments', {
        body: { kind, title, location, startsAt: instant(date, start), endsAt: instant(date, end), studentId: visit ? studentId : null, inviteeIds: visit ? [] : [...invitees] },
      });
    } catch (err) {
      return setError(err instanceof ApiError ? { message: err.message, fields: {} } : { message: t('errors.generic'), fields: {} });
    }
    await refresh();
    navigate('/agenda', { state: { planned: title } });
  }

  return (
    <section className="page">
      <h1>{t('plan.title')}</h1>
      <p>
        <Link to="/agenda">{t('plan.back')}</Link>
      </p>
      {isLoading || !data ? (
        <Loading />
      ) : (
        <form className="card" onSubmit={submit} noValidate={false}>
          {error && <Alert>{error.message}</Alert>}
          <SelectField label={t('plan.kind')} value={kind} onChange={(e) => setKind(e.target.value as Kind)} options={KINDS.map((k) => ({ value: k, label: t(`agenda.kind.${k}`) }))} />
          <Field label={t('plan.titleField')} value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          <Field label={t('plan.date')} type="date" value={date} required onChange={(e) => setDate(e.target.value)} />
          <Field label={t('plan.start')} type="time" value={start} required onChange={(e) => setStart(e.target.value)} />
          <Field label={t('plan.end')} type="time" value={end} required error={error?.fields.endsAt} onChange={(e) => setEnd(e.target.value)} />
          <Field label={t('plan.location')} value={location} maxLength={200} onChange={(e) => setLocation(e.target.value)} />
          {kind === 'internship_visit' ? (
            <>
              <SelectField
                label={t('plan.student')}
                hint={t('plan.studentHint')}
                error={error?.fields.studentId}
                value={studentId}
                placeholder={t('plan.chooseStudent')}
                onChange={(e) => setStudentId(e.target.value)}
                options={interns.map((s) => ({ value: s.id, label: `${s.displayName} (${s.group})` }))}
              />
              {intern?.praktijkopleider && <p role="status">{t('plan.visitInvites', { student: intern.displayName, praktijkopleider: intern.praktijkopleider.displayName })}</p>}
            </>
          ) : (
            <InviteePicker groups={data.groups} selected={invitees} onChange={setInvitees} />
          )}
          <button type="submit" className="button">
            {t('plan.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

/** Students to invite, per group, with one box for the whole group. */
function InviteePicker({ groups, selected, onChange }: { groups: InviteeGroup[]; selected: Set<string>; onChange: (next: Set<string>) => void }) {
  const { t } = useTranslation('guidance');
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) (on ? next.add(id) : next.delete(id));
    onChange(next);
  };
  if (groups.length === 0) return <p>{t('plan.noGroups')}</p>;
  return (
    <fieldset className="plain-fieldset">
      <legend>{t('plan.invitees')}</legend>
      <p className="field__hint">{t('plan.inviteesHint', { count: selected.size })}</p>
      {groups.map((g, i) => {
        const ids = g.students.map((s) => s.id);
        const all = ids.length > 0 && ids.every((id) => selected.has(id));
        return (
          <details key={g.id} className="invitee-group" open={i === 0}>
            <summary>{t('plan.groupSummary', { group: g.name, count: ids.filter((id) => selected.has(id)).length })}</summary>
            <label className="check">
              <input type="checkbox" checked={all} onChange={(e) => toggle(ids, e.target.checked)} />
              <span>{t('plan.wholeGroup', { group: g.code })}</span>
            </label>
            {g.students.map((s) => (
              <label key={s.id} className="check">
                <input type="checkbox" checked={selected.has(s.id)} onChange={(e) => toggle([s.id], e.target.checked)} />
                <span>{s.displayName}</span>
              </label>
            ))}
          </details>
        );
      })}
    </fieldset>
  );
}
