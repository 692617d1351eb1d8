import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { AdminPage, TableWrap } from './ui';

interface LineReport {
  line: number;
  action: 'create' | 'update' | 'unchanged' | 'skip';
  sourcedId: string;
  note?: string;
}
interface FileReport {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  lines: LineReport[];
}
interface RosterError {
  file: string;
  line: number | null;
  field: string | null;
  message: string;
}
interface RosterResult {
  dryRun: boolean;
  institution: { id: string; brin: string; name: string } | null;
  files: Record<string, FileReport>;
  errors: RosterError[];
  error?: { code: string; message: string; fields?: Record<string, string> };
}

/**
 * Sends the files as multipart, one part per file named after it. The 422 answer carries the
 * full per-line report beside the error, which the shared api() helper would drop.
 */
async function upload(files: File[], dryRun: boolean, csrfToken: string, lang: string): Promise<{ status: number; body: RosterResult }> {
  const form = new FormData();
  for (const f of files) form.append(f.name, f, f.name);
  const res = await fetch(`/api/v1/admin/roster/import?dryRun=${dryRun}`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': csrfToken, accept: 'application/json', 'accept-language': lang },
  });
  return { status: res.status, body: await res.json() };
}

/** /beheer/roster-import: OneRoster CSV upload, always a dry run first, then the import. */
export default function RosterPage() {
  const { t, i18n } = useTranslation('admin');
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [result, setResult] = useState<RosterResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const checked = result?.dryRun && result.errors.length === 0;

  async function run(dryRun: boolean) {
    if (!me) return;
    setBusy(true);
    setFailure(null);
    try {
      const { status, body } = await upload(files, dryRun, me.csrfToken, i18n.language);
      if (body.files || body.errors) setResult(body);
      else {
        setResult(null);
        setFailure(body.error?.message ?? t('errors.generic'));
      }
      if (status === 200 && !dryRun) await qc.invalidateQueries({ queryKey: ['admin'] });
    } catch {
      setFailure(t('errors.generic'));
    } finally {
      setBusy(false);
    }
  }

  function dryRun(e: FormEvent) {
    e.preventDefault();
    void run(true);
  }

  return (
    <AdminPage title={t('roster.title')} intro={t('roster.intro')}>
      <form onSubmit={dryRun} noValidate className="form card">
        <div className="field">
          <label htmlFor="roster-files">{t('roster.files')}</label>
          <p className="field__hint" id="roster-files-hint">
            {t('roster.filesHint')}
          </p>
          <input
            id="roster-files"
            type="file"
            multiple
            accept=".csv,text/csv"
            aria-describedby="roster-files-hint"
            onChange={(e) => {
              setFiles([...(e.target.files ?? [])]);
              setResult(null);
            }}
          />
        </div>
        <div className="row-actions">
          <button type="submit" className="button" disabled={busy || files.length === 0}>
            {t('roster.dryRun')}
          </button>
          <button type="button" className="button button--secondary" disabled={busy || !checked} onClick={() => void run(false)}>
            {t('roster.import')}
          </button>
        </div>
        {!checked && files.length > 0 && <p className="muted">{t('roster.dryRunFirst')}</p>}
      </form>
      {failure && <Alert>{failure}</Alert>}
      {result && <Report result={result} />}
    </AdminPage>
  );
}

function Report({ result }: { result: RosterResult }) {
  const { t } = useTranslation('admin');
  const names = Object.keys(result.files);
  return (
    <section aria-labelledby="report" className="card">
      <h2 id="report">{result.dryRun ? t('roster.reportDry') : t('roster.reportDone')}</h2>
      {result.errors.length > 0 ? (
        <Alert>{t('roster.hasErrors', { count: result.errors.length })}</Alert>
      ) : (
        <Alert kind="success">{result.dryRun ? t('roster.noErrors') : t('roster.imported')}</Alert>
      )}
      {result.institution && (
        <p>
          {t('roster.institution')}: {result.institution.name} ({result.institution.brin})
        </p>
      )}
      {result.errors.length > 0 && (
        <TableWrap labelledBy="roster-errors">
          <table>
            <caption id="roster-errors">{t('roster.errors')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('roster.file')}</th>
                <th scope="col">{t('roster.line')}</th>
                <th scope="col">{t('roster.field')}</th>
                <th scope="col">{t('roster.message')}</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.file}</td>
                  <td>{e.line ?? '—'}</td>
                  <td>{e.field ?? '—'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {names.length > 0 && (
        <TableWrap labelledBy="roster-summary">
          <table>
            <caption id="roster-summary">{t('roster.summary')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('roster.file')}</th>
                <th scope="col">{t('roster.action.create')}</th>
                <th scope="col">{t('roster.action.update')}</th>
                <th scope="col">{t('roster.action.unchanged')}</th>
                <th scope="col">{t('roster.action.skip')}</th>
              </tr>
            </thead>
            <tbody>
              {names.map((n) => (
                <tr key={n}>
                  <th scope="row">{n}</th>
                  <td>{result.files[n].created}</td>
                  <td>{result.files[n].updated}</td>
                  <td>{result.files[n].unchanged}</td>
                  <td>{result.files[n].skipped}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {names.map((n) => (
        <details key={n}>
          <summary>{t('roster.linesOf', { file: n, count: result.files[n].lines.length })}</summary>
          <TableWrap labelledBy={`lines-${n.replace(/\W/g, '-')}`}>
            <table>
              <caption id={`lines-${n.replace(/\W/g, '-')}`} className="visually-hidden">
                {t('roster.linesOf', { file: n, count: result.files[n].lines.length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('roster.line')}</th>
                  <th scope="col">{t('roster.change')}</th>
                  <th scope="col">sourcedId</th>
                  <th scope="col">{t('roster.note')}</th>
                </tr>
              </thead>
              <tbody>
                {result.files[n].lines.map((l) => (
                  <tr key={l.line}>
                    <td>{l.line}</td>
                    <td>{t(`roster.action.${l.action}`)}</td>
                    <td className="code">{l.sourcedId}</td>
                    <td>{l.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </details>
      ))}
    </section>
  );
}
