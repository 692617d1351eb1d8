import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import { hasRole, useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Field, SelectField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { STEPS, useActions, useChoices, useQualityMutation, useTemplates, useTimeline, type Action } from './api';
import './quality.css';

/**
 * The Kwaliteitskaart: the improvement plan in three steps (Verankeren, Faciliteren,
 * Verbeteren), each action tied to the scan theme it answers, with owner, due date, status and
 * evidence; the manager's count of open and overdue actions; the PDCA timeline of the year.
 */
export default function KaartPage() {
  const { t } = useTranslation('quality');
  const { data: me } = useMe();
  const runs = hasRole(me, 'lob_coordinator', 'manager', 'institution_admin');
  const { data, isLoading, error } = useActions('all');
  return (
    <section className="page">
      <p>
        <Link to="/kwaliteit">{t('back')}</Link>
      </p>
      <h1>{t('kaart.title')}</h1>
      <p className="lead">{t('kaart.intro')}</p>
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('errors.generic')}</Alert>
      ) : (
        <>
          <ul className="quality-summary" aria-label={t('kaart.summary')}>
            <li>{t('kaart.open', { count: data!.summary.open })}</li>
            <li className={data!.summary.overdue ? 'quality-overdue' : undefined}>{t('kaart.overdue', { count: data!.summary.overdue })}</li>
            <li>{t('kaart.done', { count: data!.summary.done })}</li>
          </ul>
          {runs && <NewAction />}
          <div className="quality-steps">
            {STEPS.map((step) => (
              <section key={step} className="card" aria-labelledby={`step-${step}`}>
                <h2 id={`step-${step}`}>{t(`steps.${step}`)}</h2>
                <p className="muted">{t(`stepIntro.${step}`)}</p>
                {data!.items.filter((a) => a.step === step).length === 0 ? (
                  <p>{t('kaart.none')}</p>
                ) : (
                  <ul className="list">
                    {data!.items
                      .filter((a) => a.step === step)
                      .map((a) => (
                        <ActionItem key={a.id} action={a} canChange={runs || a.ownerId === me?.id} />
                      ))}
                  </ul>
                )}
              </section>
            ))}
          </div>
          <Timeline />
        </>
      )}
    </section>
  );
}

function useThemeLabel() {
  const templates = useTemplates();
  const { t } = useTranslation('quality');
  return (code: string) => templates.data?.items.flatMap((x) => x.themes).find((th) => th.code === code)?.label ?? t(`themes.${code}`, { defaultValue: code });
}

function NewAction() {
  const { t } = useTranslation('quality');
  const [params] = useSearchParams();
  const choices = useChoices();
  const templates = useTemplates();
  const themes = templates.data?.items.find((x) => x.code === 'team_scan')?.themes ?? [];
  const [step, setStep] = useState<string>('verbeteren');
  const [theme, setTheme] = useState(params.get('theme') ?? '');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [teamId, setTeamId] = useState(params.get('team') ?? '');
  const [dueOn, setDueOn] = useState('');
  const create = useQualityMutation((body: unknown) => api<Action>('/quality/actions', { body }));
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { step, theme, title, description, ownerId: ownerId || null, teamId: teamId || null, dueOn, sourceQuestionnaireId: params.get('questionnaire') },
      { onSuccess: () => { setTitle(''); setDescription(''); } },
    );
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-action-title">
      <h2 id="new-action-title">{t('kaart.new')}</h2>
      <SelectField label={t('kaart.step')} value={step} onChange={(e) => setStep(e.target.value)} options={STEPS.map((s) => ({ value: s, label: t(`steps.${s}`) }))} />
      <SelectField label={t('kaart.theme')} value={theme} onChange={(e) => setTheme(e.target.value)} placeholder={t('kaart.chooseTheme')} options={themes.map((th) => ({ value: th.code, label: th.label }))} error={fields.theme} required />
      <Field label={t('kaart.actionTitle')} value={title} onChange={(e) => setTitle(e.target.value)} error={fields.title} required />
      <div className="field">
        <label htmlFor="action-description">{t('kaart.description')}</label>
        <textarea id="action-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
      </div>
      <SelectField label={t('kaart.owner')} value={ownerId} onChange={(e) => setOwnerId(e.target.value)} placeholder={t('kaart.noOwner')} options={(choices.data?.owners ?? []).map((o) => ({ value: o.id, label: o.name }))} error={fields.ownerId} />
      <SelectField label={t('kaart.team')} value={teamId} onChange={(e) => setTeamId(e.target.value)} placeholder={t('new.wholeInstitution')} options={(choices.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))} />
      <Field label={t('kaart.dueOn')} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} error={fields.dueOn} required />
      {create.error && <Alert>{create.error.message}</Alert>}
      {create.isSuccess && <Alert kind="success">{t('kaart.saved')}</Alert>}
      <p>
        <button className="button" type="submit" disabled={create.isPending}>
          {t('kaart.save')}
        </button>
      </p>
    </form>
  );
}

function ActionItem({ action: a, canChange }: { action: Action; canChange: boolean }) {
  const { t, i18n } = useTranslation('quality');
  const themeLabel = useThemeLabel();
  const [status, setStatus] = useState<string>(a.status);
  const [evidence, setEvidence] = useState(a.evidence);
  const update = useQualityMutation((body: unknown) => api<Action>(`/quality/actions/${a.id}`, { method: 'PATCH', body }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ status, evidence });
  };
  return (
    <li>
      <h3>{a.title}</h3>
      <p className="muted">
        {themeLabel(a.theme)} · {a.teamName ?? t('kaart.institutionWide')} · {a.ownerName ?? t('kaart.noOwner')}
      </p>
      <p className={a.overdue ? 'quality-overdue' : undefined}>
        {t(`actionStatus.${a.status}`)} · {t('kaart.due', { date: formatDate(a.dueOn, i18n.language) })}
        {a.overdue && <> · {t('kaart.isOverdue')}</>}
      </p>
      {a.description && <p>{a.description}</p>}
      {a.evidence && <p>{t('kaart.evidenceShown', { evidence: a.evidence })}</p>}
      {canChange && (
        <form className="form" onSubmit={submit}>
          <SelectField label={t('kaart.statusFor', { title: a.title })} value={status} onChange={(e) => setStatus(e.target.value)} options={['planned', 'doing', 'done', 'dropped'].map((s) => ({ value: s, label: t(`actionStatus.${s}`) }))} />
          <div className="field">
            <label htmlFor={`evidence-${a.id}`}>{t('kaart.evidence')}</label>
            <textarea id={`evidence-${a.id}`} value={evidence} onChange={(e) => setEvidence(e.target.value)} rows={2} />
          </div>
          {update.error && <Alert>{update.error.message}</Alert>}
          <p>
            <button className="button button--secondary" type="submit" disabled={update.isPending}>
              {t('kaart.update')}
            </button>
          </p>
        </form>
      )}
    </li>
  );
}

function Timeline() {
  const { t, i18n } = useTranslation('quality');
  const { data } = useTimeline();
  if (!data) return null;
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title', { year: data.schoolYear })}</h2>
      {data.events.length === 0 ? (
        <p>{t('timeline.none')}</p>
      ) : (
        <ol className="quality-timeline">
          {data.events.map((e, i) => (
            <li key={`${e.id}-${e.kind}-${i}`}>
              <strong>{t(`phase.${e.phase}`)}</strong> · {formatDate(e.date, i18n.language)} · {e.title}
              {e.status === 'overdue' && <span className="quality-overdue"> · {t('kaart.isOverdue')}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
