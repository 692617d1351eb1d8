import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { SelectField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { TableWrap } from '../../ui/TableWrap';
import { formatDate } from '../../ui/format';
import { formatNumber, useChoices, useQualityMutation, useQuestionnaires, useTemplates, type Questionnaire } from './api';
import './quality.css';

/** Kwaliteit: the institution's questionnaires and scans, and a new one from a ready instrument or JSON. */
export default function QualityPage() {
  const { t, i18n } = useTranslation('quality');
  const { data, isLoading, error } = useQuestionnaires();
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <p>
        <Link to="/kwaliteit/kaart">{t('kaart.link')}</Link>
      </p>
      <NewFromTemplate />
      <h2 id="list-title">{t('list.title')}</h2>
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('errors.generic')}</Alert>
      ) : data!.items.length === 0 ? (
        <p>{t('list.none')}</p>
      ) : (
        <TableWrap labelledBy="list-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('list.name')}</th>
                <th scope="col">{t('list.status')}</th>
                <th scope="col">{t('list.rate')}</th>
                <th scope="col">{t('list.closes')}</th>
              </tr>
            </thead>
            <tbody>
              {data!.items.map((q) => (
                <tr key={q.id}>
                  <td>
                    <Link to={`/kwaliteit/vragenlijsten/${q.id}`}>{q.title}</Link>
                    {q.wave > 1 && <span className="muted"> · {t('wave', { wave: q.wave })}</span>}
                  </td>
                  <td>{t(`status.${q.status}`)}</td>
                  <td>{q.responseRate === null ? t('list.responses', { count: q.responses }) : `${formatNumber(q.responseRate, i18n.language, 0)}% (${q.responded}/${q.invited})`}</td>
                  <td>{q.closesOn ? formatDate(q.closesOn, i18n.language) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <NewFromJson />
    </section>
  );
}

function NewFromTemplate() {
  const { t } = useTranslation('quality');
  const navigate = useNavigate();
  const templates = useTemplates();
  const choices = useChoices();
  const [code, setCode] = useState('');
  const [teamId, setTeamId] = useState('');
  const create = useQualityMutation((input: { code: string; teamId: string | null }) => api<Questionnaire>(`/quality/templates/${input.code}/questionnaires`, { body: { teamId: input.teamId } }));
  const chosen = templates.data?.items.find((x) => x.code === code);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!code) return;
    create.mutate({ code, teamId: teamId || null }, { onSuccess: (q) => navigate(`/kwaliteit/vragenlijsten/${q.id}`) });
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-title">
      <h2 id="new-title">{t('new.title')}</h2>
      <SelectField
        label={t('new.template')}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        placeholder={t('new.choose')}
        options={(templates.data?.items ?? []).map((x) => ({ value: x.code, label: x.title }))}
        required
      />
      {chosen && (
        <p className="muted">
          {chosen.description} {t('new.for', { audience: chosen.audience })} {chosen.anonymous ? t('new.anonymous') : t('new.identified')}
        </p>
      )}
      <SelectField label={t('new.team')} hint={t('new.teamHint')} value={teamId} onChange={(e) => setTeamId(e.target.value)} placeholder={t('new.wholeInstitution')} options={(choices.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))} />
      {create.error && <Alert>{create.error.message}</Alert>}
      <p>
        <button className="button" type="submit" disabled={create.isPending}>
          {t('new.create')}
        </button>
      </p>
    </form>
  );
}

/** An instrument in the exchange format: {title, anonymous, items:[…]} as JSON. */
function NewFromJson() {
  const { t } = useTranslation('quality');
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useQualityMutation((body: unknown) => api<Questionnaire>('/questionnaires', { body }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      setProblem(t('json.invalid'));
      return;
    }
    setProblem(null);
    create.mutate(body, {
      onSuccess: (q) => navigate(`/kwaliteit/vragenlijsten/${q.id}`),
      onError: (err) => setProblem(err instanceof ApiError ? [err.message, ...Object.entries(err.fields).map(([k, v]) => `${k}: ${v}`)].join(' ') : t('errors.generic')),
    });
  };
  return (
    <details className="card">
      <summary>{t('json.title')}</summary>
      <form className="form" onSubmit={submit}>
        <p className="muted">{t('json.intro')}</p>
        <div className="field">
          <label htmlFor="instrument-json">{t('json.label')}</label>
          <textarea id="instrument-json" value={text} onChange={(e) => setText(e.target.value)} rows={8} />
        </div>
        {problem && <Alert>{problem}</Alert>}
        <p>
          <button className="button button--secondary" type="submit" disabled={create.isPending}>
            {t('json.create')}
          </button>
        </p>
      </form>
    </details>
  );
}

