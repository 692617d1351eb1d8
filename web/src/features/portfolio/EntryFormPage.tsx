import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { localDraftKey } from '../../app/session';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { ASPECTS, COMPETENCES, ENTRY_KINDS, SHARING_CHOICES, keys, useEntry, type Aspect, type Competence, type Entry, type EntryKind, type SharingTarget } from './api';
import { PortfolioNav } from './PortfolioNav';
import './portfolio.css';

interface FormState {
  kind: EntryKind | '';
  title: string;
  occurredOn: string;
  place: string;
  competencies: Competence[];
  reflection: Record<Aspect, string>;
  sharing: SharingTarget[];
  /** the LOB activity this entry reflects on (from the LOB status page) */
  activityId: string | null;
}

/** An aspect counts for the LOB inspanningsverplichting from this many characters (the programme's default). */
export const MIN_ASPECT_LENGTH = 40;

const STEPS = ['basics', 'competencies', 'orientatie', 'mening', 'reflectie', 'sharing'] as const;
type SaveState = 'idle' | 'saving' | 'saved' | 'offline';

const today = () => new Date().toLocaleDateString('en-CA');
const emptyForm = (): FormState => ({ kind: '', title: '', occurredOn: today(), place: '', competencies: [], reflection: { orientatie: '', mening: '', reflectie: '' }, sharing: [], activityId: null });
const storageKey = (userId: string, id: string | undefined) => localDraftKey(userId, `portfolio.entry.${id ?? 'new'}`);

/**
 * Unsent text survives a dropped connection or a closed tab: it is kept on the device until the
 * server has it, under the signed-in account only (a shared school computer shows the next
 * student nothing; sign-out removes it, app/session.ts).
 */
function loadLocal(userId: string, id: string | undefined): { entryId?: string; form: FormState } | null {
  try {
    const raw = localStorage.getItem(storageKey(userId, id));
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}
function saveLocal(userId: string, id: string | undefined, value: { entryId?: string; form: FormState }) {
  try {
    localStorage.setItem(storageKey(userId, id), JSON.stringify(value));
  } catch {
    /* storage full or blocked: the server copy still counts */
  }
}
const clearLocal = (userId: string, id: string | undefined) => localStorage.removeItem(storageKey(userId, id));

const fromEntry = (e: Entry): FormState => ({
  kind: e.kind,
  title: e.title,
  occurredOn: e.occurredOn,
  place: e.place ?? '',
  competencies: e.competencies,
  reflection: { ...e.reflection },
  sharing: e.sharing ?? [],
  activityId: e.activityId ?? null,
});

const basicsComplete = (f: FormState) => !!f.kind && f.title.trim().length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(f.occurredOn);

/** The fields a draft autosave sends: never the sharing choice, which only the final step confirms. */
const draftBody = (f: FormState) => ({
  kind: f.kind,
  title: f.title.trim(),
  occurredOn: f.occurredOn,
  place: f.place.trim() || null,
  competencies: f.competencies,
  reflection: f.reflection,
  activityId: f.activityId,
});

/** New or edit: the guided reflection in short steps, saved automatically as a draft. */
export default function EntryFormPage() {
  const { id } = useParams();
  const existing = useEntry(id);
  if (id && existing.isLoading) return <Loading />;
  if (id && (existing.error || !existing.data?.canEdit)) return <EntryFormError />;
  return <EntryForm key={id ?? 'new'} routeId={id} initial={existing.data} />;
}

function EntryFormError() {
  const { t } = useTranslation('portfolio');
  return (
    <section className="page">
      <h1>{t('form.editTitle')}</h1>
      <Alert>{t('errors.generic')}</Alert>
    </section>
  );
}

function EntryForm({ routeId, initial }: { routeId?: string; initial?: Entry }) {
  const { t } = useTranslation('portfolio');
  const navigate = useNavigate();
  const qc = useQueryClient();
  // The guard only renders this page for a signed-in person.
  const userId = useMe().data?.id ?? 'anonymous';
  const local = useRef(loadLocal(userId, routeId)).current;
  const [search] = useSearchParams();
  // From the LOB status: a reflection on an activity, or straight to the aspect that is missing.
  const [form, setForm] = useState<FormState>(() => {
    const base = local?.form ?? (initial ? fromEntry(initial) : emptyForm());
    const activity = search.get('activiteit');
    return { ...base, activityId: base.activityId ?? (activity && /^[0-9a-f-]{36}$/i.test(activity) ? activity : null), ...(search.get('titel') && !base.title ? { kind: 'lob_activity' as EntryKind, title: search.get('titel')!.slice(0, 200) } : {}) };
  });
  const [restored] = useState(!!local);
  const [step, setStep] = useState(() => Math.max(0, STEPS.indexOf((search.get('stap') ?? 'basics') as (typeof STEPS)[number])));
  const [entryId, setEntryId] = useState<string | undefined>(routeId ?? local?.entryId);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const headingRef = useRef<HTMLHeadingElement>(null);
  const timer = useRef<number | undefined>(undefined);
  const dirty = useRef(!!local);
  const formRef = useRef(form);
  const idRef = useRef(entryId);
  const inFlight = useRef<Promise<void> | null>(null);
  formRef.current = form;
  idRef.current = entryId;

  /** Sends the current text to the server: the first time as a new draft, then as changes. */
  const flush = useCallback(async (): Promise<void> => {
    if (inFlight.current) await inFlight.current;
    const current = formRef.current;
    if (!dirty.current || !basicsComplete(current)) return;
    dirty.current = false;
    setSaveState('saving');
    const run = (async () => {
      try {
        if (!idRef.current) {
          const created = await api<Entry>('/portfolio/entries', { body: { ...draftBody(current), sharing: [], status: 'draft' } });
          idRef.current = created.id;
          setEntryId(created.id);
        } else {
          await api(`/portfolio/entries/${idRef.current}`, { method: 'PATCH', body: draftBody(current) });
        }
        if (!dirty.current) clearLocal(userId, routeId);
        setSaveState('saved');
        setSavedAt(new Date());
        setFieldErrors({});
      } catch (err) {
        dirty.current = true;
        if (err instanceof ApiError) {
          setSaveState('idle');
          setFieldErrors(err.fields);
        } else setSaveState('offline');
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
  }, [routeId]);

  function update(patch: Partial<FormState>) {
    setForm((f) => {
      const next = { ...f, ...patch };
      dirty.current = true;
      saveLocal(userId, routeId, { entryId: idRef.current, form: next });
      return next;
    });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), 1200);
  }

  // Try again when the connection returns; save what is left when the page closes.
  useEffect(() => {
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      window.clearTimeout(timer.current);
      void flush();
    };
  }, [flush]);

  useEffect(() => {
    if (step > 0) headingRef.current?.focus();
  }, [step]);

  function canLeaveStep(): boolean {
    if (STEPS[step] === 'basics' && !basicsComplete(form)) {
      setError(t('form.needBasics'));
      return false;
    }
    if (STEPS[step] === 'competencies' && form.competencies.length === 0) {
      setError(t('form.needCompetence'));
      return false;
    }
    setError(null);
    return true;
  }

  function next() {
    if (!canLeaveStep()) return;
    void flush();
    setStep((s) => Math.min(s + 1, STEPS.length - 1));
  }

  async function finish(publish: boolean) {
    window.clearTimeout(timer.current);
    dirty.current = true;
    await flush();
    if (!idRef.current) {
      setError(t('form.offline'));
      return;
    }
    try {
      const body = publish ? { ...draftBody(form), sharing: form.sharing, status: 'published' } : draftBody(form);
      await api(`/portfolio/entries/${idRef.current}`, { method: 'PATCH', body });
      clearLocal(userId, routeId);
      dirty.current = false;
      await qc.invalidateQueries({ queryKey: keys.all });
      navigate(publish ? `/portfolio/ervaring/${idRef.current}` : '/portfolio');
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFieldErrors(err.fields);
      } else setError(t('form.offline'));
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (step < STEPS.length - 1) next();
    else void finish(true);
  }

  const stepName = STEPS[step];
  return (
    <section className="page page--narrow">
      <h1>{routeId ? t('form.editTitle') : t('form.newTitle')}</h1>
      <PortfolioNav />
      {restored && <Alert kind="info">{t('form.restored')}</Alert>}
      <form className="stepper" onSubmit={onSubmit} noValidate>
        <p className="stepper__count">{t('form.stepOf', { step: step + 1, total: STEPS.length })}</p>
        <h2 ref={headingRef} tabIndex={-1}>
          {t(`form.steps.${stepName}`)}
        </h2>
        {error && <Alert>{error}</Alert>}
        {stepName === 'basics' && <BasicsStep form={form} update={update} errors={fieldErrors} />}
        {stepName === 'competencies' && <CompetenceStep form={form} update={update} error={fieldErrors.competencies} />}
        {(stepName === 'orientatie' || stepName === 'mening' || stepName === 'reflectie') && (
          <AspectStep aspect={stepName} form={form} update={update} error={fieldErrors[`reflection.${stepName}`]} />
        )}
        {stepName === 'sharing' && <SharingStep form={form} update={update} />}
        <p className="save-status" role="status">
          {saveState === 'saving' ? t('form.saving') : saveState === 'offline' ? t('form.offline') : saveState === 'saved' && savedAt ? t('form.savedAt', { time: savedAt.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) }) : ''}
        </p>
        <div className="stepper__buttons">
          {step > 0 ? (
            <button type="button" className="button button--secondary" onClick={() => setStep((s) => s - 1)}>
              {t('form.previous')}
            </button>
          ) : (
            <span />
          )}
          {stepName === 'sharing' ? (
            <>
              <button type="button" className="button button--secondary" onClick={() => void finish(false)}>
                {t('form.saveDraft')}
              </button>
              <button type="submit" className="button">
                {form.sharing.length ? t('form.publish') : t('form.publishPrivate')}
              </button>
            </>
          ) : (
            <button type="submit" className="button">
              {t('form.next')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

interface StepProps {
  form: FormState;
  update: (patch: Partial<FormState>) => void;
}

function BasicsStep({ form, update, errors }: StepProps & { errors: Record<string, string> }) {
  const { t } = useTranslation('portfolio');
  return (
    <>
      <div className={`field${errors.kind ? ' field--error' : ''}`}>
        <label htmlFor="entry-kind">{t('form.kind')}</label>
        <select id="entry-kind" value={form.kind} onChange={(e) => update({ kind: e.target.value as EntryKind })} required>
          <option value="" disabled>
            —
          </option>
          {ENTRY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <Field label={t('form.titleLabel')} hint={t('form.titleHint')} value={form.title} maxLength={200} required error={errors.title} onChange={(e) => update({ title: e.target.value })} />
      <Field label={t('form.occurredOn')} type="date" value={form.occurredOn} required error={errors.occurredOn} onChange={(e) => update({ occurredOn: e.target.value })} />
      <Field label={t('form.place')} value={form.place} maxLength={200} error={errors.place} onChange={(e) => update({ place: e.target.value })} />
    </>
  );
}

function CompetenceStep({ form, update, error }: StepProps & { error?: string }) {
  const { t } = useTranslation('portfolio');
  const toggle = (c: Competence) =>
    update({ competencies: form.competencies.includes(c) ? form.competencies.filter((x) => x !== c) : [...form.competencies, c] });
  return (
    <fieldset className="checks">
      <legend>{t('form.competenciesHint')}</legend>
      {error && <p className="field__error">{error}</p>}
      {COMPETENCES.map((c) => (
        <label key={c} className="check">
          <input type="checkbox" checked={form.competencies.includes(c)} onChange={() => toggle(c)} />
          <span>
            {t(`competence.${c}`)}
            <small>{t(`competenceQuestion.${c}`)}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** One L&B aspect with its general prompts and one prompt per chosen competence. */
function AspectStep({ aspect, form, update, error }: StepProps & { aspect: Aspect; error?: string }) {
  const { t } = useTranslation('portfolio');
  const general = t(`prompts.${aspect}.general`, { returnObjects: true }) as string[];
  const prompts = [...general, ...form.competencies.map((c) => t(`prompts.${aspect}.${c}`))];
  const id = `aspect-${aspect}`;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <p className="field__hint" id={`${id}-prompts-title`}>
        {t('form.promptsTitle')}
      </p>
      <ul className="prompts" id={`${id}-prompts`} aria-labelledby={`${id}-prompts-title`}>
        {prompts.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <label htmlFor={id}>{t('form.answerLabel')}</label>
      {error && <p className="field__error">{error}</p>}
      <textarea
        id={id}
        rows={7}
        maxLength={5000}
        aria-describedby={`${id}-prompts`}
        value={form.reflection[aspect]}
        onChange={(e) => update({ reflection: { ...form.reflection, [aspect]: e.target.value } })}
      />
      <AspectLength text={form.reflection[aspect]} />
    </div>
  );
}

/** How far an answer is from counting for LOB: the exam board needs a real answer to every aspect. */
function AspectLength({ text }: { text: string }) {
  const { t } = useTranslation('portfolio');
  const left = MIN_ASPECT_LENGTH - text.trim().length;
  return (
    <p className="field__hint" aria-live="polite">
      {left > 0 ? t('lob.aspectShort', { count: left }) : t('lob.aspectEnough')}
    </p>
  );
}

function SharingStep({ form, update }: StepProps) {
  const { t } = useTranslation('portfolio');
  return (
    <>
      <SharingChoices value={form.sharing} onChange={(sharing) => update({ sharing })} legend={t('form.sharingHint')} />
      {!form.sharing.includes('mentor') && <p className="field__hint">{t('lob.shareToCount')}</p>}
    </>
  );
}

/** The readers a student can choose; nothing chosen means private. */
export function SharingChoices({ value, onChange, legend }: { value: SharingTarget[]; onChange: (v: SharingTarget[]) => void; legend: string }) {
  const { t } = useTranslation('portfolio');
  const toggle = (s: SharingTarget) => onChange(value.includes(s) ? value.filter((x) => x !== s) : [...value, s]);
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {SHARING_CHOICES.map((s) => (
        <label key={s} className="check">
          <input type="checkbox" checked={value.includes(s)} onChange={() => toggle(s)} />
          <span>{t(`sharing.${s}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
