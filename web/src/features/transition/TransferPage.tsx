import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field, SelectField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { formatDate, formatDateTime } from '../../ui/format';
import { programmeLabel } from './labels';
import { OUTCOMES, TRANSITION_STATUSES, useTransfer, type DraftForm, type Outcome, type SentForm, type Transfer, type TransitionStatus } from './api';
import './transition.css';

/**
 * One transfer form. What the reader sees and may do follows their role on it: the pupil fills
 * in their part and consents, a parent consents, the sending school fills in its part and sends,
 * the receiving school accepts, holds the intake and records the timeline. The pupil and parents
 * always see exactly what will be sent, and after sending what was sent.
 */
export default function TransferPage() {
  const { id } = useParams();
  const { t } = useTranslation('transition');
  const { data: transfer, isLoading, error } = useTransfer(id);
  if (isLoading) return <Loading />;
  if (error || !transfer) return <Alert>{error instanceof ApiError && error.status === 404 ? t('errors.notFound') : t('errors.generic')}</Alert>;
  const v = transfer.viewer;
  return (
    <section className="page transfer-page">
      <p>
        <Link to="/overstap">{t('back')}</Link>
      </p>
      <h1>{t('form.title', { student: transfer.student.displayName })}</h1>
      <TransferFacts transfer={transfer} />
      <Timeline transfer={transfer} />
      {v.canEdit && v.role === 'student' && <StudentPart transfer={transfer} />}
      {v.canEdit && v.role === 'sender' && <SchoolPart transfer={transfer} />}
      {transfer.status === 'draft' && <ConsentPart transfer={transfer} />}
      {v.canSend && <SendPart transfer={transfer} />}
      {v.canAccept && <AcceptPart transfer={transfer} />}
      {transfer.intake && <IntakeSummary transfer={transfer} />}
      {v.canIntake && <IntakePart transfer={transfer} />}
      {(v.canIntake || (v.role === 'sender' && transfer.destination === 'work' && transfer.status !== 'draft')) && <StatusPart transfer={transfer} />}
      {transfer.sent ? (
        <FormView form={transfer.sent} heading={t('form.sentHeading')} />
      ) : transfer.preview ? (
        <FormView form={transfer.preview} heading={t('form.previewHeading')} />
      ) : null}
      <p className="link-row">
        <a href={`/api/v1/transfers/${transfer.id}/export.pdf`}>{t('export.pdf')}</a>
        {' · '}
        <a href={`/api/v1/transfers/${transfer.id}/export.json`}>{t('export.json')}</a>
      </p>
    </section>
  );
}

function useTransferMutation<B>(transfer: Transfer, path: string, method: 'POST' | 'PATCH', onDone?: () => void) {
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const { t } = useTranslation('transition');
  const mutation = useMutation({
    mutationFn: (body: B) => api<Transfer>(`/transfers/${transfer.id}${path}`, { method, body: body ?? {} }),
    onSuccess: (updated) => {
      qc.setQueryData(['transfer', transfer.id], updated);
      void qc.invalidateQueries({ queryKey: ['transfers'] });
      setErrors({});
      setMessage({ kind: 'success', text: t('saved') });
      onDone?.();
    },
    onError: (err) => {
      setErrors(err instanceof ApiError ? err.fields : {});
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t('errors.generic') });
    },
  });
  return { mutation, errors, message };
}

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card transfer-part">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function TransferFacts({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation('transition');
  return (
    <dl className="facts">
      <dt>{t('facts.from')}</dt>
      <dd>{transfer.from.name}</dd>
      <dt>{t('facts.to')}</dt>
      <dd>{transfer.to ? `${transfer.to.name} (${t(`type.${transfer.to.type}`)})` : t('work')}</dd>
      {transfer.programme && (
        <>
          <dt>{t('facts.programme')}</dt>
          <dd>{programmeLabel(transfer.programme, t)}</dd>
        </>
      )}
      <dt>{t('facts.status')}</dt>
      <dd>
        <strong>{t(`status.${transfer.status}`)}</strong>
      </dd>
    </dl>
  );
}

function Timeline({ transfer }: { transfer: Transfer }) {
  const { t, i18n } = useTranslation('transition');
  if (transfer.statuses.length === 0) return null;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('timeline.title')}</h2>
      <ol className="timeline">
        {transfer.statuses.map((s) => (
          <li key={s.id}>
            <strong>{t(`timeline.${s.status}`)}</strong> — {formatDate(s.occurredOn, i18n.language)}
            {s.institution && ` · ${s.institution}`}
            {s.reason && ` · ${s.reason}`}
          </li>
        ))}
      </ol>
    </section>
  );
}

function TextArea({ label, hint, value, onChange, error, maxLength = 4000 }: { label: string; hint?: string; value: string; onChange: (v: string) => void; error?: string; maxLength?: number }) {
  const [id] = useState(() => `ta-${Math.random().toString(36).slice(2)}`);
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <textarea
        id={id}
        value={value}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

function Feedback({ message }: { message: { kind: 'error' | 'success'; text: string } | null }) {
  return message ? <Alert kind={message.kind}>{message.text}</Alert> : null;
}

/** The pupil's part: the choice, why, and which shared portfolio entries to highlight. */
function StudentPart({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation('transition');
  const [form, setForm] = useState<Pick<DraftForm, 'choice' | 'motivation' | 'highlightEntryIds' | 'includeCv' | 'alumniContactConsent'>>(() => pickStudent(transfer.form!));
  useEffect(() => setForm(pickStudent(transfer.form!)), [transfer.form]);
  const { mutation, errors, message } = useTransferMutation<typeof form>(transfer, '', 'PATCH');
  const toggle = (id: string) => setForm((f) => ({ ...f, highlightEntryIds: f.highlightEntryIds.includes(id) ? f.highlightEntryIds.filter((x) => x !== id) : [...f.highlightEntryIds, id] }));
  return (
    <Part id="student-part" title={t('student.title')}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate(form);
        }}
      >
        <Field label={t('student.choice')} hint={t('student.choiceHint')} value={form.choice} maxLength={500} error={errors.choice} onChange={(e) => setForm({ ...form, choice: e.target.value })} />
        <TextArea label={t('student.motivation')} hint={t('student.motivationHint')} value={form.motivation} error={errors.motivation} onChange={(motivation) => setForm({ ...form, motivation })} />
        <fieldset className="checks">
          <legend>{t('student.highlights')}</legend>
          {errors.highlightEntryIds && <p className="field__error">{errors.highlightEntryIds}</p>}
          {(transfer.shareableEntries ?? []).length === 0 && <p className="muted">{t('student.noShared')}</p>}
          {(transfer.shareableEntries ?? []).map((e) => (
            <Check key={e.id} label={e.title} checked={form.highlightEntryIds.includes(e.id)} onChange={() => toggle(e.id)} />
          ))}
          <p className="field__hint">{t('student.sharedHint')}</p>
        </fieldset>
        <Check label={t('student.includeCv')} checked={form.includeCv} onChange={(includeCv) => setForm({ ...form, includeCv })} />
        <Check label={t('student.alumni')} checked={form.alumniContactConsent} onChange={(alumniContactConsent) => setForm({ ...form, alumniContactConsent })} />
        <Feedback message={message} />
        <button className="button" type="submit" disabled={mutation.isPending}>
          {t('save')}
        </button>
      </form>
    </Part>
  );
}

const pickStudent = (f: DraftForm) => ({ choice: f.choice, motivation: f.motivation, highlightEntryIds: f.highlightEntryIds, includeCv: f.includeCv, alumniContactConsent: f.alumniContactConsent });
const pickSchool = (f: DraftForm) => ({ lobActivities: f.lobActivities, advice: f.advice, supportNeeds: f.supportNeeds, supportLegalBasis: f.supportLegalBasis ?? '', contactName: f.contactName, contactEmail: f.contactEmail, contactPhone: f.contactPhone });

/** The sending school's part: LOB activities, advice, support needs (sent only when allowed), contact. */
function SchoolPart({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation('transition');
  const [form, setForm] = useState(() => pickSchool(transfer.form!));
  useEffect(() => setForm(pickSchool(transfer.form!)), [transfer.form]);
  const { mutation, errors, message } = useTransferMutation<Record<string, unknown>>(transfer, '', 'PATCH');
  return (
    <Part id="school-part" title={t('school.title')}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate({ ...form, supportLegalBasis: form.supportLegalBasis.trim() || null });
        }}
      >
        <TextArea label={t('school.lobActivities')} value={form.lobActivities} error={errors.lobActivities} onChange={(lobActivities) => setForm({ ...form, lobActivities })} />
        <TextArea label={t('school.advice')} value={form.advice} error={errors.advice} onChange={(advice) => setForm({ ...form, advice })} />
        <TextArea label={t('school.supportNeeds')} hint={t('school.supportHint')} value={form.supportNeeds} error={errors.supportNeeds} onChange={(supportNeeds) => setForm({ ...form, supportNeeds })} />
        <Field label={t('school.legalBasis')} hint={t('school.legalBasisHint')} value={form.supportLegalBasis} maxLength={300} error={errors.supportLegalBasis} onChange={(e) => setForm({ ...form, supportLegalBasis: e.target.value })} />
        <Field label={t('school.contactName')} value={form.contactName} error={errors.contactName} onChange={(e) => setForm({ ...form, contactName: e.target.value })} />
        <Field label={t('school.contactEmail')} type="email" value={form.contactEmail} error={errors.contactEmail} onChange={(e) => setForm({ ...form, contactEmail: e.target.value })} />
        <Field label={t('school.contactPhone')} type="tel" value={form.contactPhone} error={errors.contactPhone} onChange={(e) => setForm({ ...form, contactPhone: e.target.value })} />
        <Feedback message={message} />
        <button className="button" type="submit" disabled={mutation.isPending}>
          {t('save')}
        </button>
      </form>
    </Part>
  );
}

/** Who has agreed, who still must; the pupil or a parent agrees here. */
function ConsentPart({ transfer }: { transfer: Transfer }) {
  const { t, i18n } = useTranslation('transition');
  const [includeSupport, setIncludeSupport] = useState(false);
  const { mutation, message } = useTransferMutation<{ includeSupport: boolean }>(transfer, '/consent', 'POST');
  return (
    <Part id="consent-part" title={t('consent.title')}>
      <p>{transfer.consent.required.includes('parent') ? t('consent.needsParent') : t('consent.needsStudent')}</p>
      <ul className="plain-list">
        {transfer.consent.given.map((g, i) => (
          <li key={i}>
            {t('consent.given', { name: g.displayName, date: formatDateTime(g.givenAt, i18n.language) })}
            {g.includeSupport && ` · ${t('consent.withSupport')}`}
            {!g.current && ` · ${t('consent.outdated')}`}
          </li>
        ))}
      </ul>
      <p>
        <strong>{transfer.consent.complete ? t('consent.complete') : t('consent.missing')}</strong>
      </p>
      {transfer.viewer.canConsent && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            mutation.mutate({ includeSupport });
          }}
        >
          <p>{t('consent.explain')}</p>
          <Check label={t('consent.includeSupport')} checked={includeSupport} onChange={setIncludeSupport} />
          <Feedback message={message} />
          <button className="button" type="submit" disabled={mutation.isPending}>
            {t('consent.agree')}
          </button>
        </form>
      )}
    </Part>
  );
}

function SendPart({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation('transition');
  const { mutation, message } = useTransferMutation<undefined>(transfer, '/send', 'POST');
  return (
    <Part id="send-part" title={t('send.title')}>
      <p>{transfer.consent.complete ? t('send.ready') : t('send.waiting')}</p>
      <Feedback message={message} />
      <button className="button" type="button" onClick={() => mutation.mutate(undefined)} disabled={mutation.isPending}>
        {t('send.button')}
      </button>
    </Part>
  );
}

function AcceptPart({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation('transition');
  const { mutation, message } = useTransferMutation<undefined>(transfer, '/accept', 'POST');
  return (
    <Part id="accept-part" title={t('accept.title')}>
      <p>{t('accept.explain')}</p>
      <Feedback message={message} />
      <button className="button" type="button" onClick={() => mutation.mutate(undefined)} disabled={mutation.isPending}>
        {t('accept.button')}
      </button>
    </Part>
  );
}

function IntakeSummary({ transfer }: { transfer: Transfer }) {
  const { t, i18n } = useTranslation('transition');
  const i = transfer.intake!;
  return (
    <Part id="intake-summary" title={t('intake.summary')}>
      <dl className="facts">
        <dt>{t('intake.plannedAt')}</dt>
        <dd>{formatDateTime(i.plannedAt, i18n.language)}</dd>
        <dt>{t('intake.held')}</dt>
        <dd>{i.heldAt ? formatDate(i.heldAt, i18n.language) : t('intake.notYet')}</dd>
        <dt>{t('intake.outcome')}</dt>
        <dd>{i.outcome ? t(`outcome.${i.outcome}`) : t('intake.notYet')}</dd>
        {i.feedback && (
          <>
            <dt>{t('intake.feedback')}</dt>
            <dd>{i.feedback}</dd>
          </>
        )}
        {i.firstAgreements && (
          <>
            <dt>{t('intake.firstAgreements')}</dt>
            <dd>{i.firstAgreements}</dd>
          </>
        )}
      </dl>
    </Part>
  );
}

/** The career-oriented intake in four steps, and its outcome back to the sending school. */
function IntakePart({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation('transition');
  const [plannedAt, setPlannedAt] = useState('');
  const plan = useTransferMutation<{ plannedAt: string }>(transfer, '/intake', 'POST');
  const intake = transfer.intake;
  const [form, setForm] = useState({ motivation: intake?.motivation ?? '', expectations: intake?.expectations ?? '', supportNeeded: intake?.supportNeeded ?? '', firstAgreements: intake?.firstAgreements ?? '', outcome: (intake?.outcome ?? '') as Outcome | '', feedback: intake?.feedback ?? '' });
  const record = useTransferMutation<Record<string, unknown>>(transfer, '/intake', 'PATCH');
  return (
    <Part id="intake-part" title={t('intake.title')}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          plan.mutation.mutate({ plannedAt: plannedAt ? new Date(plannedAt).toISOString() : '' });
        }}
      >
        <Field label={t('intake.plannedAt')} type="datetime-local" value={plannedAt} error={plan.errors.plannedAt} onChange={(e) => setPlannedAt(e.target.value)} />
        <Feedback message={plan.message} />
        <button className="button button--secondary" type="submit" disabled={plan.mutation.isPending}>
          {t('intake.plan')}
        </button>
      </form>
      {intake && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            record.mutation.mutate({ motivation: form.motivation, expectations: form.expectations, supportNeeded: form.supportNeeded, firstAgreements: form.firstAgreements, feedback: form.feedback, held: true, ...(form.outcome ? { outcome: form.outcome } : {}) });
          }}
        >
          <h3>{t('intake.conversation')}</h3>
          <TextArea label={t('intake.motivation')} value={form.motivation} onChange={(motivation) => setForm({ ...form, motivation })} />
          <TextArea label={t('intake.expectations')} value={form.expectations} onChange={(expectations) => setForm({ ...form, expectations })} />
          <TextArea label={t('intake.supportNeeded')} value={form.supportNeeded} onChange={(supportNeeded) => setForm({ ...form, supportNeeded })} />
          <TextArea label={t('intake.firstAgreements')} value={form.firstAgreements} onChange={(firstAgreements) => setForm({ ...form, firstAgreements })} />
          <SelectField label={t('intake.outcome')} value={form.outcome} placeholder={t('intake.noOutcome')} onChange={(e) => setForm({ ...form, outcome: e.target.value as Outcome | '' })} options={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} />
          <TextArea label={t('intake.feedback')} hint={t('intake.feedbackHint')} value={form.feedback} maxLength={2000} onChange={(feedback) => setForm({ ...form, feedback })} />
          <Feedback message={record.message} />
          <button className="button" type="submit" disabled={record.mutation.isPending}>
            {t('intake.record')}
          </button>
        </form>
      )}
    </Part>
  );
}

function StatusPart({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation('transition');
  const [form, setForm] = useState({ status: 'gestart' as TransitionStatus, occurredOn: new Date().toISOString().slice(0, 10), reason: '' });
  const { mutation, errors, message } = useTransferMutation<typeof form>(transfer, '/statuses', 'POST');
  return (
    <Part id="status-part" title={t('timeline.record')}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate(form);
        }}
      >
        <SelectField label={t('timeline.status')} value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value as TransitionStatus })} options={TRANSITION_STATUSES.map((s) => ({ value: s, label: t(`timeline.${s}`) }))} />
        <Field label={t('timeline.date')} type="date" value={form.occurredOn} error={errors.occurredOn} onChange={(e) => setForm({ ...form, occurredOn: e.target.value })} />
        <Field label={t('timeline.reason')} value={form.reason} error={errors.reason} maxLength={1000} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
        <Feedback message={message} />
        <button className="button button--secondary" type="submit" disabled={mutation.isPending}>
          {t('timeline.add')}
        </button>
      </form>
    </Part>
  );
}

/** The form as it will be or was sent: the same view for the pupil, the parents and both schools. */
function FormView({ form, heading }: { form: SentForm; heading: string }) {
  const { t, i18n } = useTranslation('transition');
  const row = (label: string, value: ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </>
  );
  return (
    <section aria-labelledby="form-view" className="card form-view">
      <h2 id="form-view">{heading}</h2>
      <dl className="facts">
        {row(t('facts.student'), `${form.student.givenName} ${form.student.familyName}`)}
        {row(t('facts.from'), form.from.name)}
        {row(t('facts.current'), form.currentProgramme ? programmeLabel(form.currentProgramme, t) : '')}
        {row(t('facts.to'), form.destination === 'work' ? `${t('work')}${form.employer ? `: ${form.employer}` : ''}` : form.to?.name)}
        {form.programme && row(t('facts.programme'), programmeLabel(form.programme, t))}
        {row(t('student.choice'), form.choice)}
        {row(t('student.motivation'), form.motivation)}
        {row(t('school.lobActivities'), form.lobActivities)}
        {row(t('school.advice'), form.advice)}
        {row(t('school.supportNeeds'), form.supportNeeds === null ? t('form.supportWithheld') : `${form.supportNeeds} (${form.supportBasis === 'law' ? t('form.basisLaw', { basis: form.supportLegalBasis }) : t('form.basisConsent')})`)}
        {row(t('form.contact'), [form.contact.name, form.contact.email, form.contact.phone].filter(Boolean).join(' · '))}
        {row(t('student.alumni'), form.alumniContactConsent ? t('yes') : t('no'))}
        {form.sentAt && row(t('form.sentAt'), formatDateTime(form.sentAt, i18n.language))}
      </dl>
      <h3>{t('form.entries', { count: form.entries.length })}</h3>
      {form.entries.length === 0 ? (
        <p className="muted">{t('form.noEntries')}</p>
      ) : (
        <ul className="plain-list">
          {form.entries.map((e) => (
            <li key={e.id}>
              <strong>{e.title}</strong>
              {e.highlight && ` · ${t('form.highlight')}`} · {formatDate(e.occurredOn, i18n.language)}
              {e.reflection.reflectie && <p>{e.reflection.reflectie}</p>}
            </li>
          ))}
        </ul>
      )}
      {form.cv && (
        <>
          <h3>{t('form.cv')}</h3>
          <ul className="plain-list">
            {form.cv.experience.map((x, i) => (
              <li key={i}>
                {formatDate(x.occurredOn, i18n.language)}: {x.title}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
