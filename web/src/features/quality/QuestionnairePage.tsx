import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field, SelectField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { TableWrap } from '../../ui/TableWrap';
import { formatDate } from '../../ui/format';
import { ProfileChart } from './ProfileChart';
import { formatNumber, useChoices, useCrosstab, useProfile, useQualityMutation, useQuestionnaire, useReport, type Questionnaire } from './api';
import './quality.css';

const ROLE_CHOICES = ['docent', 'mentor', 'student', 'manager', 'lob_coordinator'] as const;

/** One questionnaire or scan: distribute, follow the response rate, import, and read the results. */
export default function QuestionnairePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('quality');
  const { data: q, isLoading, error } = useQuestionnaire(id);
  if (isLoading) return <Loading />;
  if (error || !q) return <Alert>{t('errors.notFound')}</Alert>;
  return (
    <section className="page">
      <p>
        <Link to="/kwaliteit">{t('back')}</Link>
      </p>
      <h1>{q.title}</h1>
      <dl className="facts">
        <dt>{t('facts.status')}</dt>
        <dd>{t(`status.${q.status}`)}</dd>
        <dt>{t('facts.mode')}</dt>
        <dd>{q.anonymous ? t('facts.anonymous', { n: q.minGroupSize }) : t('facts.identified')}</dd>
        <dt>{t('facts.wave')}</dt>
        <dd>{q.wave === 1 ? t('facts.baseline') : t('wave', { wave: q.wave })}</dd>
        {q.closesOn && (
          <>
            <dt>{t('facts.closes')}</dt>
            <dd>{formatDate(q.closesOn, i18n.language)}</dd>
          </>
        )}
        <dt>{t('facts.rate')}</dt>
        <dd>
          <span role="status">
          {q.invited ? t('facts.rateValue', { responded: q.responded, invited: q.invited, pct: formatNumber(q.responseRate, i18n.language, 0) }) : t('facts.notSent')}
          {q.pending > 0 && <> · {t('facts.pending', { count: q.pending })}</>}
          </span>
        </dd>
      </dl>
      {q.status !== 'closed' && <Distribute q={q} />}
      <Manage q={q} />
      {q.definition.themes?.length ? <ProfileSection q={q} /> : null}
      <Frequencies q={q} />
      <CrosstabSection q={q} />
    </section>
  );
}

function Distribute({ q }: { q: Questionnaire }) {
  const { t } = useTranslation('quality');
  const choices = useChoices();
  const [teamId, setTeamId] = useState(q.teamId ?? '');
  const [roles, setRoles] = useState<string[]>([]);
  const [closesOn, setClosesOn] = useState(q.closesOn ?? new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10));
  const [message, setMessage] = useState('');
  const send = useQualityMutation(() =>
    api<{ invited: number; alreadyInvited: number; mailed: number }>(`/questionnaires/${q.id}/distribute`, { body: { audience: { teamIds: teamId ? [teamId] : [], roles }, closesOn, message } }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate(undefined);
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="send-title">
      <h2 id="send-title">{t('send.title')}</h2>
      <SelectField label={t('send.team')} value={teamId} onChange={(e) => setTeamId(e.target.value)} placeholder={t('send.noTeam')} options={(choices.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))} />
      <fieldset className="field">
        <legend>{t('send.roles')}</legend>
        {ROLE_CHOICES.map((r) => (
          <div className="checkbox-row" key={r}>
            <input id={`role-${r}`} type="checkbox" checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} />
            <label htmlFor={`role-${r}`}>{t(`roles.${r}`)}</label>
          </div>
        ))}
      </fieldset>
      <Field label={t('send.closesOn')} type="date" value={closesOn} onChange={(e) => setClosesOn(e.target.value)} required />
      <div className="field">
        <label htmlFor="send-message">{t('send.message')}</label>
        <textarea id="send-message" value={message} onChange={(e) => setMessage(e.target.value)} rows={3} />
      </div>
      {send.error && <Alert>{send.error.message}</Alert>}
      {send.data && <Alert kind="success">{t('send.done', { invited: send.data.invited, already: send.data.alreadyInvited })}</Alert>}
      <p>
        <button className="button" type="submit" disabled={send.isPending}>
          {t('send.submit')}
        </button>
      </p>
    </form>
  );
}

function Manage({ q }: { q: Questionnaire }) {
  const { t } = useTranslation('quality');
  const remind = useQualityMutation(() => api<{ reminded: number }>(`/questionnaires/${q.id}/remind`, { method: 'POST' }));
  const close = useQualityMutation(() => api(`/questionnaires/${q.id}/close`, { method: 'POST' }));
  const wave = useQualityMutation(() => api<Questionnaire>(`/questionnaires/${q.id}/waves`, { method: 'POST' }));
  const [csvResult, setCsvResult] = useState<{ imported: number; rejected: { row: number; reason: string }[] } | null>(null);
  const importCsv = useQualityMutation((csv: string) => api<{ imported: number; rejected: { row: number; reason: string }[] }>(`/questionnaires/${q.id}/responses`, { csv }));
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    importCsv.mutate(await file.text(), { onSuccess: setCsvResult });
  };
  return (
    <section className="card" aria-labelledby="manage-title">
      <h2 id="manage-title">{t('manage.title')}</h2>
      <div className="quality-actions-row">
        {q.status === 'open' && (
          <button className="button button--secondary" type="button" onClick={() => remind.mutate(undefined)} disabled={remind.isPending}>
            {t('manage.remind')}
          </button>
        )}
        {q.status !== 'closed' && (
          <button className="button button--secondary" type="button" onClick={() => close.mutate(undefined)} disabled={close.isPending}>
            {t('manage.close')}
          </button>
        )}
        <button className="button button--secondary" type="button" onClick={() => wave.mutate(undefined)} disabled={wave.isPending}>
          {t('manage.nextWave')}
        </button>
      </div>
      {remind.data && <Alert kind="success">{t('manage.reminded', { count: remind.data.reminded })}</Alert>}
      {wave.data && (
        <Alert kind="success">
          <Link to={`/kwaliteit/vragenlijsten/${wave.data.id}`}>{t('manage.waveMade', { wave: wave.data.wave })}</Link>
        </Alert>
      )}
      <div className="field">
        <label htmlFor="csv-file">{t('manage.import')}</label>
        <p className="field__hint">{t('manage.importHint')}</p>
        <input id="csv-file" type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e.target.files?.[0])} />
      </div>
      {importCsv.error && <Alert>{importCsv.error.message}</Alert>}
      {csvResult && (
        <Alert kind={csvResult.rejected.length ? 'info' : 'success'}>
          {t('manage.imported', { count: csvResult.imported })}
          {csvResult.rejected.length > 0 && (
            <ul>
              {csvResult.rejected.slice(0, 20).map((r) => (
                <li key={r.row}>{t('manage.rejected', { row: r.row, reason: r.reason })}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <p>
        <a href={`/api/v1/questionnaires/${q.id}/responses.csv`}>{t('manage.export')}</a> · <a href={`/api/v1/questionnaires/${q.id}/responses.csv?numbers=nl`}>{t('manage.exportNl')}</a> ·{' '}
        <a href={`/api/v1/questionnaires/${q.id}/codebook.csv`}>{t('manage.codebook')}</a>
      </p>
    </section>
  );
}

function ProfileSection({ q }: { q: Questionnaire }) {
  const { t, i18n } = useTranslation('quality');
  const { data } = useProfile(q.id, q.responses > 0);
  if (!data) return null;
  const scores = data.themes.map((th) => th.team.score).filter((s): s is number => s !== null);
  const weakest = scores.length ? Math.min(...scores) : null;
  const f = (n: number | null) => formatNumber(n, i18n.language, 1);
  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('profile.title')}</h2>
      <p className="muted">{t('profile.intro')}</p>
      <ProfileChart profile={data} labelledBy="profile-table-title" />
      <h3 id="profile-table-title">{t('profile.table')}</h3>
      <TableWrap labelledBy="profile-table-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('profile.theme')}</th>
              <th scope="col">{t('profile.team')}</th>
              <th scope="col">{t('profile.institution')}</th>
              {data.previousWaveId && <th scope="col">{t('profile.previous')}</th>}
              <th scope="col">{t('profile.act')}</th>
            </tr>
          </thead>
          <tbody>
            {data.themes.map((th) => (
              <tr key={th.code}>
                <th scope="row">
                  {th.label}
                  {weakest !== null && th.team.score === weakest && <span className="quality-overdue"> · {t('profile.weakest')}</span>}
                </th>
                <td>{th.team.score === null ? t('profile.tooFew') : `${f(th.team.score)} (n=${th.team.n})`}</td>
                <td>{th.institution.score === null ? t('profile.tooFew') : `${f(th.institution.score)} (n=${th.institution.n})`}</td>
                {data.previousWaveId && <td>{th.previous.score === null ? t('profile.tooFew') : f(th.previous.score)}</td>}
                <td>
                  <Link to={`/kwaliteit/kaart?theme=${th.code}&questionnaire=${q.id}${q.teamId ? `&team=${q.teamId}` : ''}`} aria-label={t('profile.actionFor', { theme: th.label })}>
                    {t('profile.action')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function Frequencies({ q }: { q: Questionnaire }) {
  const { t, i18n } = useTranslation('quality');
  const { data } = useReport(q.id, q.responses > 0);
  if (!data) return null;
  const pct = (n: number | null) => (n === null ? '–' : `${formatNumber(n, i18n.language, 1)}%`);
  return (
    <section className="card" aria-labelledby="freq-title">
      <h2 id="freq-title">{t('report.title')}</h2>
      {data.respondents === null ? (
        <p>{t('report.tooFew', { n: data.questionnaire.threshold })}</p>
      ) : (
        <p>{t('report.respondents', { count: data.respondents })}</p>
      )}
      {data.items
        .filter((i) => i.options || i.mean !== undefined)
        .map((item, index) => (
          <div key={item.code}>
            <h3 id={`freq-${index}`}>{item.text}</h3>
            {item.suppressed ? (
              <p className="muted">{t('report.suppressed')}</p>
            ) : (
              <>
                {item.mean !== undefined && item.mean !== null && <p>{t('report.mean', { mean: formatNumber(item.mean, i18n.language, 2), n: item.n })}</p>}
                {item.options && (
                  <TableWrap labelledBy={`freq-${index}`}>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('report.answer')}</th>
                          <th scope="col">{t('report.n')}</th>
                          <th scope="col">{t('report.pct')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {item.options.map((o) => (
                          <tr key={o.value}>
                            <th scope="row">{o.label}</th>
                            <td>{o.n === null ? t('report.hidden') : o.n}</td>
                            <td>{pct(o.pct)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableWrap>
                )}
              </>
            )}
          </div>
        ))}
    </section>
  );
}

function CrosstabSection({ q }: { q: Questionnaire }) {
  const { t, i18n } = useTranslation('quality');
  const items = q.definition.sections.flatMap((s) => s.items).filter((i) => i.type === 'single' || i.type === 'multi' || i.type === 'likert5');
  const [row, setRow] = useState('');
  const [col, setCol] = useState('');
  const [percent, setPercent] = useState<'row' | 'column'>('row');
  const { data } = useCrosstab(q.id, row, col, percent);
  if (items.length < 2 || q.responses === 0) return null;
  const options = items.map((i) => ({ value: i.code, label: `${i.code} — ${i.text}` }));
  return (
    <section className="card" aria-labelledby="cross-title">
      <h2 id="cross-title">{t('cross.title')}</h2>
      <SelectField label={t('cross.row')} value={row} onChange={(e) => setRow(e.target.value)} placeholder={t('cross.choose')} options={options} />
      <SelectField label={t('cross.col')} value={col} onChange={(e) => setCol(e.target.value)} placeholder={t('cross.choose')} options={options} />
      <SelectField label={t('cross.percent')} value={percent} onChange={(e) => setPercent(e.target.value as 'row' | 'column')} options={[{ value: 'row', label: t('cross.rowPct') }, { value: 'column', label: t('cross.colPct') }]} />
      {data && (
        <TableWrap labelledBy="cross-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('cross.rowHead')}</th>
                <th scope="col">{t('cross.base')}</th>
                {data.columns.map((c) => (
                  <th scope="col" key={c.value}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.value}>
                  <th scope="row">{r.label}</th>
                  <td>{r.base ?? t('report.hidden')}</td>
                  {r.cells.map((c) => (
                    <td key={c.value}>{c.n === null ? t('report.hidden') : `${c.n} (${c.pct === null ? '–' : `${formatNumber(c.pct, i18n.language, 1)}%`})`}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
