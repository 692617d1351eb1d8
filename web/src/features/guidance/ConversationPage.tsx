import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { STEPS, useConversation, useRefresh, type Conversation, type Step } from './api';
import { Saved, TextArea, When } from './ui';
import './guidance.css';

/**
 * One career conversation. The student prepares it (prompts, entries to discuss); the mentor
 * records the four steps, the agreements and notes; a parent sees the date and the agreements.
 */
export default function ConversationPage() {
  const { t } = useTranslation('guidance');
  const { id } = useParams();
  const { data, error, isLoading } = useConversation(id);
  if (isLoading) return <Loading />;
  if (error || !data) {
    return (
      <section className="page">
        <h1>{t('conversation.title')}</h1>
        <Alert>{error instanceof ApiError ? error.message : t('errors.generic')}</Alert>
      </section>
    );
  }
  return (
    <section className="page">
      <h1>{t('conversation.title')}</h1>
      <p className="lead">
        <When iso={data.plannedAt} /> — {t(`conversation.status.${data.status}`)}
        {data.mentor && <> · {t('conversation.with', { name: data.mentor.displayName })}</>}
      </p>
      {data.canPrepare && <Preparation conversation={data} />}
      {!data.canPrepare && data.preparation && <PreparationView conversation={data} />}
      {data.steps && (data.canRecord ? <RecordSteps conversation={data} /> : <StepsView conversation={data} />)}
      <Agreements conversation={data} />
      {data.notes && <Notes conversation={data} />}
      {data.studentId && (
        <p>
          <Link to={`/studenten/${data.studentId}`}>{t('conversation.toFile')}</Link>
        </p>
      )}
    </section>
  );
}

function Preparation({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation('guidance');
  const refresh = useRefresh();
  const [answers, setAnswers] = useState<Partial<Record<Step, string>>>(c.preparation?.answers ?? {});
  const [picked, setPicked] = useState<string[]>(c.preparation?.entries.map((e) => e.id) ?? []);
  const [saved, setSaved] = useState<string | null>(null);
  const entries = useQuery({
    queryKey: ['guidance', 'own-entries', c.studentId],
    queryFn: () => api<{ items: { id: string; title: string; occurredOn: string }[] }>(`/students/${c.studentId}/portfolio/entries?limit=20`),
    enabled: !!c.studentId,
  });
  async function save(e: FormEvent) {
    e.preventDefault();
    await api(`/conversations/${c.id}/preparation`, { method: 'PUT', body: { answers, entryIds: picked } });
    setSaved(t('prepare.saved'));
    await refresh();
  }
  return (
    <section aria-labelledby="prepare" className="card">
      <h2 id="prepare">{t('prepare.title')}</h2>
      <p>{t('prepare.intro')}</p>
      <form onSubmit={save}>
        {STEPS.map((s) => (
          <TextArea key={s} label={c.prompts?.[s] ?? s} value={answers[s] ?? ''} maxLength={5000} onChange={(e) => setAnswers({ ...answers, [s]: e.target.value })} />
        ))}
        <fieldset className="plain-fieldset">
          <legend>{t('prepare.entries')}</legend>
          {(entries.data?.items ?? []).map((en) => (
            <div key={en.id} className="check">
              <input
                type="checkbox"
                id={`entry-${en.id}`}
                checked={picked.includes(en.id)}
                onChange={(e) => setPicked(e.target.checked ? [...picked, en.id] : picked.filter((x) => x !== en.id))}
              />
              <label htmlFor={`entry-${en.id}`}>{en.title}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          {t('prepare.save')}
        </button>
        <Saved text={saved} />
      </form>
    </section>
  );
}

function PreparationView({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation('guidance');
  const p = c.preparation!;
  const answered = STEPS.filter((s) => p.answers[s]);
  return (
    <section aria-labelledby="prep-view" className="card">
      <h2 id="prep-view">{t('prepare.byStudent')}</h2>
      {answered.length === 0 && p.entries.length === 0 ? (
        <p>{t('prepare.notYet')}</p>
      ) : (
        <>
          {answered.map((s) => (
            <div key={s} className="step">
              <h3>{c.prompts?.[s]}</h3>
              <p className="break">{p.answers[s]}</p>
            </div>
          ))}
          {p.entries.length > 0 && (
            <>
              <h3>{t('prepare.entries')}</h3>
              <ul>
                {p.entries.map((e) => (
                  <li key={e.id}>
                    <Link to={`/portfolio/ervaring/${e.id}`}>{e.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function StepsView({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation('guidance');
  const filled = STEPS.filter((s) => c.steps?.[s]);
  if (filled.length === 0) return null;
  return (
    <section aria-labelledby="steps-view" className="card">
      <h2 id="steps-view">{t('steps.title')}</h2>
      {filled.map((s, i) => (
        <div key={s} className="step">
          <h3>
            {i + 1}. {t(`steps.${s}`)}
          </h3>
          <p className="break">{c.steps![s]}</p>
        </div>
      ))}
    </section>
  );
}

function RecordSteps({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation('guidance');
  const refresh = useRefresh();
  const [steps, setSteps] = useState<Record<Step, string>>(c.steps!);
  const [held, setHeld] = useState(c.status === 'held');
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => setHeld(c.status === 'held'), [c.status]);
  async function save(e: FormEvent) {
    e.preventDefault();
    await api(`/conversations/${c.id}`, { method: 'PATCH', body: { steps, ...(held && c.status !== 'held' ? { held: true } : {}) } });
    setSaved(t('steps.saved'));
    await refresh();
  }
  return (
    <section aria-labelledby="steps" className="card">
      <h2 id="steps">{t('steps.title')}</h2>
      <p className="muted">{t('steps.intro')}</p>
      <form onSubmit={save}>
        {STEPS.map((s, i) => (
          <TextArea key={s} label={`${i + 1}. ${t(`steps.${s}`)}`} hint={t(`steps.hint.${s}`)} value={steps[s]} maxLength={5000} onChange={(e) => setSteps({ ...steps, [s]: e.target.value })} />
        ))}
        <div className="check">
          <input type="checkbox" id="held" checked={held} disabled={c.status === 'held'} onChange={(e) => setHeld(e.target.checked)} />
          <label htmlFor="held">{t('steps.held')}</label>
        </div>
        <button type="submit" className="button">
          {t('steps.save')}
        </button>
        <Saved text={saved} />
      </form>
    </section>
  );
}

function Agreements({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation('guidance');
  const refresh = useRefresh();
  const [action, setAction] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      await api(`/conversations/${c.id}/agreements`, { body: { action, dueOn: dueOn || null } });
      setAction('');
      setDueOn('');
      setErrors({});
      await refresh();
    } catch (err) {
      setErrors(err instanceof ApiError ? err.fields : { action: t('errors.generic') });
    }
  }
  return (
    <section aria-labelledby="agreements" className="card">
      <h2 id="agreements">{t('agreements.title')}</h2>
      {c.agreements.length === 0 ? (
        <p>{t('agreements.none')}</p>
      ) : (
        <ul className="agreements">
          {c.agreements.map((a) => (
            <li key={a.id}>
              {a.action}
              {a.dueOn && (
                <span className="muted">
                  {' '}
                  — {t('agreements.due')} <When iso={a.dueOn} />
                </span>
              )}
              {a.status === 'done' && <span className="muted"> ({t('agreements.done')})</span>}
              {a.owner === 'mentor' && <span className="muted"> ({t('agreements.byMentor')})</span>}
            </li>
          ))}
        </ul>
      )}
      {c.canRecord && (
        <form onSubmit={add}>
          <Field label={t('agreements.action')} value={action} maxLength={500} required error={errors.action} onChange={(e) => setAction(e.target.value)} />
          <Field label={t('agreements.dueOn')} type="date" value={dueOn} error={errors.dueOn} onChange={(e) => setDueOn(e.target.value)} />
          <button type="submit" className="button button--secondary">
            {t('agreements.add')}
          </button>
        </form>
      )}
    </section>
  );
}

function Notes({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation('guidance');
  const refresh = useRefresh();
  const visibilityName = useId();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'shared' | 'private'>('shared');
  async function add(e: FormEvent) {
    e.preventDefault();
    await api(`/conversations/${c.id}/notes`, { body: { body, visibility } });
    setBody('');
    await refresh();
  }
  const notes = c.notes ?? [];
  if (!c.canRecord && notes.length === 0) return null;
  return (
    <section aria-labelledby="notes" className="card">
      <h2 id="notes">{t('notes.title')}</h2>
      {notes.length === 0 ? (
        <p>{t('notes.none')}</p>
      ) : (
        <ul className="plain-list">
          {notes.map((n) => (
            <li key={n.id} className={n.visibility === 'private' ? 'note--private' : undefined}>
              <p className="muted">
                {t(`notes.${n.visibility}`)} · <When iso={n.createdAt} />
              </p>
              <p className="break">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
      {c.canRecord && (
        <form onSubmit={add}>
          <TextArea label={t('notes.new')} value={body} required maxLength={4000} onChange={(e) => setBody(e.target.value)} />
          <fieldset className="plain-fieldset">
            <legend>{t('notes.whoSees')}</legend>
            {(['shared', 'private'] as const).map((v) => (
              <div key={v} className="check">
                <input type="radio" id={`${visibilityName}-${v}`} name={visibilityName} checked={visibility === v} onChange={() => setVisibility(v)} />
                <label htmlFor={`${visibilityName}-${v}`}>{t(`notes.option.${v}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button button--secondary">
            {t('notes.save')}
          </button>
        </form>
      )}
    </section>
  );
}
