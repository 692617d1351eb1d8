import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useResultGroups, useResults, useTargetGroupMembers, useTargetGroups } from './api';
import './programme.css';

/**
 * Target groups (doelgroepen) besides level and BOL/BBL, such as entree or oudere instromers: the
 * LOB-coördinator defines them and keeps who belongs to them. A programme component can then
 * apply to a target group only. Every change of membership is in the student's audit log.
 */
export default function TargetGroupsPage() {
  const { t } = useTranslation('programme');
  const qc = useQueryClient();
  const groups = useTargetGroups();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [selected, setSelected] = useState<string>('');
  async function create(event: React.FormEvent) {
    event.preventDefault();
    try {
      const g = await api<{ id: string }>('/lob/target-groups', { method: 'POST', body: { name, description } });
      setName('');
      setDescription('');
      setErrors({});
      setSelected(g.id);
      await qc.invalidateQueries({ queryKey: ['lob', 'target-groups'] });
    } catch (err) {
      setErrors(err instanceof ApiError ? { name: err.fields.name ?? err.message } : { name: t('errors.generic') });
    }
  }
  if (groups.isLoading) return <Loading />;
  const items = groups.data?.items ?? [];
  return (
    <section className="page page--narrow">
      <h1>{t('targetGroups.title')}</h1>
      <p className="lead">{t('targetGroups.intro')}</p>
      {items.length === 0 ? (
        <p>{t('targetGroups.none')}</p>
      ) : (
        <div className="field">
          <label htmlFor="target-group">{t('targetGroups.choose')}</label>
          <select id="target-group" value={selected} onChange={(e) => setSelected(e.target.value)}>
            <option value="">{t('targetGroups.choosePlaceholder')}</option>
            {items.map((g) => (
              <option key={g.id} value={g.id}>
                {t('targetGroups.option', { name: g.name, count: g.members })}
              </option>
            ))}
          </select>
        </div>
      )}
      {selected && <Members groupId={selected} />}
      <form className="form card" onSubmit={create} noValidate>
        <h2>{t('targetGroups.new')}</h2>
        <Field label={t('targetGroups.name')} hint={t('targetGroups.nameHint')} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} error={errors.name} required />
        <Field label={t('targetGroups.description')} value={description} maxLength={1000} onChange={(e) => setDescription(e.target.value)} />
        <button type="submit" className="button">
          {t('targetGroups.create')}
        </button>
      </form>
    </section>
  );
}

/** Members of one target group; students are added from one of the groups (classes) at a time. */
function Members({ groupId }: { groupId: string }) {
  const { t } = useTranslation('programme');
  const qc = useQueryClient();
  const members = useTargetGroupMembers(groupId);
  const classes = useResultGroups();
  const [classId, setClassId] = useState('');
  const students = useResults(classId || undefined);
  const [error, setError] = useState<string | null>(null);
  const memberIds = new Set((members.data?.items ?? []).map((m) => m.studentId));
  async function change(studentId: string, add: boolean) {
    try {
      setError(null);
      await api(`/lob/target-groups/${groupId}/members/${studentId}`, { method: add ? 'PUT' : 'DELETE' });
      await qc.invalidateQueries({ queryKey: ['lob', 'target-groups'] });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.generic'));
    }
  }
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">{t('targetGroups.members')}</h2>
      {error && <Alert>{error}</Alert>}
      {(members.data?.items.length ?? 0) === 0 ? (
        <p>{t('targetGroups.noMembers')}</p>
      ) : (
        <ul className="record-list">
          {members.data!.items.map((m) => (
            <li key={m.studentId}>
              {m.displayName}{' '}
              <button type="button" className="button button--quiet" onClick={() => change(m.studentId, false)} aria-label={t('targetGroups.removeOf', { name: m.displayName })}>
                {t('targetGroups.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="class">{t('targetGroups.addFrom')}</label>
        <select id="class" value={classId} onChange={(e) => setClassId(e.target.value)}>
          <option value="">{t('targetGroups.choosePlaceholder')}</option>
          {(classes.data?.groups ?? []).map((g) => (
            <option key={g.id} value={g.id}>
              {g.code} — {g.name}
            </option>
          ))}
        </select>
      </div>
      {students.data && (
        <fieldset className="checks">
          <legend>{t('targetGroups.studentsOf')}</legend>
          {students.data.items.map((s) => (
            <label key={s.studentId} className="check">
              <input type="checkbox" checked={memberIds.has(s.studentId)} onChange={() => change(s.studentId, !memberIds.has(s.studentId))} />
              <span>{s.displayName}</span>
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
