import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { useResultGroups, useResults, type ResultRow } from './api';
import './programme.css';

/** The result list for the examination board: per group, who met the inspanningsverplichting LOB and why not. */
export default function ResultsPage() {
  const { t } = useTranslation('programme');
  const groups = useResultGroups();
  const [groupId, setGroupId] = useState<string>('');
  const results = useResults(groupId || undefined);
  if (groups.isLoading) return <Loading />;
  const items = results.data?.items ?? [];
  return (
    <section className="page">
      <h1>{t('results.title')}</h1>
      <p className="lead">{t('results.intro')}</p>
      <div className="field">
        <label htmlFor="group">{t('results.group')}</label>
        <select id="group" value={groupId} onChange={(e) => setGroupId(e.target.value)}>
          <option value="">{t('results.chooseGroup')}</option>
          {(groups.data?.groups ?? []).map((g) => (
            <option key={g.id} value={g.id}>
              {g.code} — {g.name}
            </option>
          ))}
        </select>
      </div>
      {groupId && results.isLoading && <Loading />}
      {results.error && <Alert>{t('errors.generic')}</Alert>}
      {results.data && (
        <>
          <p className="status-summary" role="status">
            {t('results.summary', { met: items.filter((r) => r.fulfilled).length, total: items.length })}
          </p>
          <div className="programme-actions">
            <a className="button button--secondary" href={`/api/v1/lob/results.csv?groupId=${groupId}`} download>
              {t('results.csv')}
            </a>
            <a className="button button--secondary" href={`/api/v1/lob/results.pdf?groupId=${groupId}`} download>
              {t('results.pdf')}
            </a>
          </div>
          <ResultCards items={items} />
          <div className="table-wrap result-table-wrap" role="region" aria-label={t('results.tableLabel')} tabIndex={0}>
            <table className="result-table">
              <thead>
                <tr>
                  <th scope="col">{t('results.student')}</th>
                  <th scope="col">{t('results.status')}</th>
                  <th scope="col">{t('results.why')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.studentId}>
                    <td>
                      <Link to={`/lob/voortgang/${r.studentId}`}>{r.displayName}</Link>
                    </td>
                    <td>
                      <span className={`badge badge--${r.fulfilled ? 'met' : 'open'}`}>{r.fulfilled ? t('results.met') : t('results.notMet')}</span> {r.done}/{r.required}
                    </td>
                    <td>{why(r, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** On a phone: one card per student instead of a wide table (CSS shows one of the two). */
function ResultCards({ items }: { items: ResultRow[] }) {
  const { t } = useTranslation('programme');
  return (
    <ul className="result-cards" aria-label={t('results.tableLabel')}>
      {items.map((r) => (
        <li key={r.studentId}>
          <h3>
            <Link to={`/lob/voortgang/${r.studentId}`}>{r.displayName}</Link>
          </h3>
          <p>
            <span className="muted">{t('results.status')}:</span>{' '}
            <span className={`badge badge--${r.fulfilled ? 'met' : 'open'}`}>{r.fulfilled ? t('results.met') : t('results.notMet')}</span>{' '}
            {t('results.count', { done: r.done, required: r.required })}
          </p>
          {!r.fulfilled || r.overrides ? (
            <p>
              <span className="muted">{t('results.why')}:</span> {why(r, t)}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function why(r: ResultRow, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (r.reason) return t(`status.reason.${r.reason}`);
  if (r.fulfilled) return r.overrides ? t('results.withOverrides', { count: r.overrides }) : '—';
  return r.missing.map((m) => `${m.title}${m.status === 'open' ? ` (${t('results.stillOpen')})` : ''}`).join('; ');
}
