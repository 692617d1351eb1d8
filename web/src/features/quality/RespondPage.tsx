import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { DEFAULT_LIKERT, useForm, useQualityMutation, useReport, visibleItems, type Item } from './api';
import './quality.css';

type Answers = Record<string, string | number | string[] | undefined>;

/** Fill in a questionnaire, on a phone: one question under the other, big touch targets. */
export default function RespondPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('quality');
  const { data: form, isLoading, error } = useForm(id);
  const [answers, setAnswers] = useState<Answers>({});
  const [sent, setSent] = useState(false);
  const submit = useQualityMutation((body: { answers: Answers }) => api(`/questionnaires/${id}/answers`, { body }));
  const shown = useMemo(() => (form ? visibleItems(form.definition, answers) : new Set<string>()), [form, answers]);
  if (isLoading) return <Loading />;
  if (error || !form) return <Alert>{t('errors.notFound')}</Alert>;
  const done = sent || form.responded;
  const set = (code: string, value: Answers[string]) => setAnswers((a) => ({ ...a, [code]: value }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const payload: Answers = {};
    for (const [k, v] of Object.entries(answers)) if (v !== undefined && v !== '' && !(Array.isArray(v) && !v.length) && shown.has(k.replace(/\.other$/, ''))) payload[k] = v;
    submit.mutate({ answers: payload }, { onSuccess: () => setSent(true) });
  };
  const fieldError = submit.error instanceof ApiError ? submit.error.fields : {};
  return (
    <section className="page page--narrow">
      <h1>{form.title}</h1>
      {form.description && <p>{form.description}</p>}
      <p className="muted">
        {form.anonymous ? t('respond.anonymous') : t('respond.identified')}
        {form.closesOn && <> {t('respond.until', { date: formatDate(form.closesOn, i18n.language) })}</>}
      </p>
      {done ? (
        <>
          <Alert kind="success">{t('respond.thanks')}</Alert>
          <PanelResults id={id} />
          <p>
            <Link to="/vragenlijsten">{t('respond.back')}</Link>
          </p>
        </>
      ) : form.status !== 'open' ? (
        <Alert kind="info">{t('respond.closed')}</Alert>
      ) : (
        <form className="quality-form" onSubmit={onSubmit} noValidate>
          {form.definition.sections.map((section, s) => (
            <div key={s}>
              {section.title && <h2>{section.title}</h2>}
              {section.intro && <p>{section.intro}</p>}
              {section.items
                .filter((item) => shown.has(item.code))
                .map((item) => (
                  <Question key={item.code} item={item} answers={answers} set={set} error={fieldError[`answers.${item.code}`]} />
                ))}
            </div>
          ))}
          {submit.error && <Alert>{submit.error.message}</Alert>}
          <p>
            <button className="button" type="submit" disabled={submit.isPending}>
              {t('respond.submit')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

function Question({ item, answers, set, error }: { item: Item; answers: Answers; set: (code: string, v: Answers[string]) => void; error?: string }) {
  const { t } = useTranslation('quality');
  const value = answers[item.code];
  const name = `q-${item.code}`;
  const errorId = error ? `${name}-error` : undefined;
  const legend = (
    <legend>
      {item.text}
      {item.required && <span> ({t('respond.required')})</span>}
    </legend>
  );
  const errorText = error && (
    <p className="field__error" id={errorId}>
      {error}
    </p>
  );
  if (item.type === 'single' || item.type === 'likert5' || item.type === 'multi') {
    const options =
      item.type === 'likert5'
        ? (item.labels ?? DEFAULT_LIKERT).map((label, i) => ({ value: String(i + 1), label }))
        : [...(item.options ?? []), ...(item.other && !item.options?.some((o) => o.value === 'other') ? [{ value: 'other', label: t('respond.other') }] : [])];
    const multi = item.type === 'multi';
    const chosen = multi ? ((value as string[] | undefined) ?? []) : value === undefined ? [] : [String(value)];
    const otherChosen = chosen.includes('other');
    return (
      <fieldset aria-describedby={errorId}>
        {legend}
        {item.help && <p className="field__hint">{item.help}</p>}
        {errorText}
        {options.map((o) => {
          const id = `${name}-${o.value}`;
          return (
            <div className="choice" key={o.value}>
              <input
                id={id}
                type={multi ? 'checkbox' : 'radio'}
                name={name}
                value={o.value}
                checked={chosen.includes(o.value)}
                onChange={(e) => {
                  if (multi) set(item.code, e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value));
                  else set(item.code, item.type === 'likert5' ? Number(o.value) : o.value);
                }}
              />
              <label htmlFor={id}>{o.label}</label>
            </div>
          );
        })}
        {item.other && otherChosen && (
          <div className="field">
            <label htmlFor={`${name}-other-text`}>{t('respond.otherText')}</label>
            <input id={`${name}-other-text`} type="text" value={(answers[`${item.code}.other`] as string) ?? ''} onChange={(e) => set(`${item.code}.other`, e.target.value)} />
          </div>
        )}
      </fieldset>
    );
  }
  const id = `${name}-input`;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{item.text}</label>
      {item.help && <p className="field__hint">{item.help}</p>}
      {errorText}
      {item.type === 'number' ? (
        <input id={id} type="number" inputMode="decimal" min={item.min} max={item.max} value={(value as number | undefined) ?? ''} onChange={(e) => set(item.code, e.target.value === '' ? undefined : Number(e.target.value))} aria-describedby={errorId} />
      ) : (
        <textarea id={id} value={(value as string | undefined) ?? ''} onChange={(e) => set(item.code, e.target.value)} rows={4} aria-describedby={errorId} />
      )}
    </div>
  );
}

/** A student panel shows the results to those who took part (suppressed like every report). */
function PanelResults({ id }: { id: string }) {
  const { t } = useTranslation('quality');
  const { data, error } = useReport(id);
  if (!data || error) return null;
  return (
    <section className="card" aria-labelledby="panel-title">
      <h2 id="panel-title">{t('respond.results')}</h2>
      {data.respondents === null ? (
        <p>{t('report.tooFew', { n: data.questionnaire.threshold })}</p>
      ) : (
        <ul className="list">
          {data.items
            .filter((i) => i.options && !i.suppressed)
            .map((i) => (
              <li key={i.code}>
                <strong>{i.text}</strong>
                <ul>
                  {i.options!.map((o) => (
                    <li key={o.value}>
                      {o.label}: {o.n === null ? t('report.hidden') : o.n}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
