import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { keys, usePlan, type PlanAction, type PlanGoal } from './api';
import { PortfolioNav } from './PortfolioNav';
import './portfolio.css';

/** Loopbaansturing: goals with concrete actions, an owner (the student) and a due date. */
export default function PlanPage() {
  const { t } = useTranslation('portfolio');
  const { data: me } = useMe();
  const { data, isLoading } = usePlan(me?.id);
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | undefined>();
  const refresh = () => qc.invalidateQueries({ queryKey: keys.all });

  async function addGoal(e: FormEvent) {
    e.preventDefault();
    try {
      await api('/portfolio/goals', { body: { title } });
      setTitle('');
      setError(undefined);
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.fields.title ?? err.message : t('errors.generic'));
    }
  }

  return (
    <section className="page">
      <h1>{t('plan.title')}</h1>
      <PortfolioNav />
      <p>{t('plan.intro')}</p>
      {isLoading || !data ? (
        <Loading />
      ) : data.goals.length === 0 ? (
        <p>{t('plan.none')}</p>
      ) : (
        data.goals.map((g) => <GoalCard key={g.id} goal={g} onChange={refresh} />)
      )}
      <section aria-labelledby="new-goal" className="card">
        <h2 id="new-goal">{t('plan.newGoal')}</h2>
        <form className="inline-form" onSubmit={addGoal}>
          <Field label={t('plan.goalLabel')} value={title} maxLength={200} required error={error} onChange={(e) => setTitle(e.target.value)} />
          <div>
            <button type="submit" className="button">
              {t('plan.addGoal')}
            </button>
          </div>
        </form>
      </section>
    </section>
  );
}

function GoalCard({ goal, onChange }: { goal: PlanGoal; onChange: () => Promise<unknown> }) {
  const { t } = useTranslation('portfolio');
  const headingId = useId();
  const [description, setDescription] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function addAction(e: FormEvent) {
    e.preventDefault();
    try {
      await api(`/portfolio/goals/${goal.id}/actions`, { body: { description, dueOn: dueOn || null } });
      setDescription('');
      setDueOn('');
      setErrors({});
      await onChange();
    } catch (err) {
      setErrors(err instanceof ApiError ? err.fields : { description: t('errors.generic') });
    }
  }

  async function removeGoal() {
    await api(`/portfolio/goals/${goal.id}`, { method: 'DELETE' });
    await onChange();
  }

  return (
    <section aria-labelledby={headingId} className="card plan-goal">
      <h2 id={headingId}>{goal.title}</h2>
      {goal.actions.length === 0 ? (
        <p>{t('plan.noActions')}</p>
      ) : (
        <ul className="plan-actions">
          {goal.actions.map((a) => (
            <ActionRow key={a.id} action={a} locked={goal.kind === 'conversations' || !!a.conversationId} onChange={onChange} />
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={addAction}>
        <Field label={t('plan.action')} value={description} maxLength={500} required error={errors.description} onChange={(e) => setDescription(e.target.value)} />
        <Field label={t('plan.dueOn')} type="date" value={dueOn} error={errors.dueOn} onChange={(e) => setDueOn(e.target.value)} />
        <div className="actions-row">
          <button type="submit" className="button button--secondary">
            {t('plan.addAction')}
          </button>
          {goal.kind === 'own' && (
            <button type="button" className="button button--quiet" onClick={() => void removeGoal()}>
              {t('plan.deleteGoal')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function ActionRow({ action, locked, onChange }: { action: PlanAction; locked: boolean; onChange: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation('portfolio');
  async function toggle() {
    await api(`/portfolio/actions/${action.id}`, { method: 'PATCH', body: { status: action.status === 'done' ? 'open' : 'done' } });
    await onChange();
  }
  async function remove() {
    await api(`/portfolio/actions/${action.id}`, { method: 'DELETE' });
    await onChange();
  }
  return (
    <li>
      <label>
        <input type="checkbox" checked={action.status === 'done'} onChange={() => void toggle()} aria-label={t('plan.done', { action: action.description })} />
        <span>
          {action.description}
          {action.dueOn && <span className="muted"> — {t('plan.due', { date: formatDate(action.dueOn, i18n.language) })}</span>}
          {action.overdue && <span className="overdue"> — {t('plan.overdue')}</span>}
          {action.conversationId && <span className="muted"> ({t('plan.fromConversation')})</span>}
        </span>
      </label>
      {!locked && (
        <button type="button" className="button button--quiet" onClick={() => void remove()} aria-label={t('plan.deleteAction', { action: action.description })}>
          ✕
        </button>
      )}
    </li>
  );
}
