import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useExercise, useTeachingGroups } from './api';
import { Attachments } from './Attachments';
import './library.css';

/** One exercise with its instructions; a teacher assigns it to a group with a due date. */
export default function ExercisePage() {
  const { id } = useParams();
  const { t } = useTranslation('library');
  const { data: x, isLoading, error } = useExercise(id);
  if (isLoading) return <Loading />;
  if (error || !x) return <Alert>{t('errors.notFound')}</Alert>;
  return (
    <section className="page">
      <h1>{x.title}</h1>
      {x.series && <p className="muted">{x.series}</p>}
      <p className="lead">{x.summary}</p>
      <dl className="facts">
        <dt>{t('competencesLabel')}</dt>
        <dd>{x.competencies.map((c) => t(`competences.${c}`)).join(', ')}</dd>
        <dt>{t('duration')}</dt>
        <dd>{t('minutes', { count: x.durationMinutes })}</dd>
        <dt>{t('levels')}</dt>
        <dd>{x.levels.join(', ')}</dd>
      </dl>
      {x.teacherInstructions !== undefined && (
        <section aria-labelledby="teacher" className="card">
          <h2 id="teacher">{t('forTeacher')}</h2>
          <p className="instructions">{x.teacherInstructions}</p>
        </section>
      )}
      <section aria-labelledby="student" className="card">
        <h2 id="student">{t('forStudent')}</h2>
        <p className="instructions">{x.studentInstructions}</p>
      </section>
      <Attachments exerciseId={x.id} attachments={x.attachments ?? []} canEdit={!!x.canEdit} />
      {x.teacherInstructions !== undefined && <AssignForm exerciseId={x.id} />}
    </section>
  );
}

function AssignForm({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation('library');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const groups = useTeachingGroups();
  const [groupId, setGroupId] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (!groups.data || groups.data.items.length === 0) return null;
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    try {
      const a = await api<{ id: string }>(`/library/exercises/${exerciseId}/assignments`, { method: 'POST', body: { groupId, dueOn, note } });
      await qc.invalidateQueries({ queryKey: ['library'] });
      navigate(`/loopbaanmagazijn/opdrachten/${a.id}`);
    } catch (err) {
      setErrors(err instanceof ApiError ? { ...err.fields, form: err.message } : { form: t('errors.generic') });
    }
  }
  return (
    <section aria-labelledby="assign" className="card">
      <h2 id="assign">{t('assign.title')}</h2>
      {errors.form && <Alert>{errors.form}</Alert>}
      <form className="form" onSubmit={submit} noValidate>
        <div className={`field${errors.groupId ? ' field--error' : ''}`}>
          <label htmlFor="assign-group">{t('assign.group')}</label>
          {errors.groupId && <p className="field__error">{errors.groupId}</p>}
          <select id="assign-group" value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            <option value="">{t('assign.chooseGroup')}</option>
            {groups.data.items.map((g) => (
              <option key={g.id} value={g.id}>
                {g.code} — {g.name}
              </option>
            ))}
          </select>
        </div>
        <Field label={t('assign.dueOn')} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} error={errors.dueOn} />
        <Field label={t('assign.note')} value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="button">
          {t('assign.save')}
        </button>
      </form>
    </section>
  );
}
