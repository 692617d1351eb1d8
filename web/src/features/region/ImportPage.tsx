import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { SelectField } from '../../ui/Field';
import { importFile } from './api';
import './region.css';

/** Import school leavers or municipal registrations (CSV, see docs/region-import.md). */
export default function ImportPage() {
  const { t } = useTranslation('region');
  const qc = useQueryClient();
  const [kind, setKind] = useState('school_leavers');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Awaited<ReturnType<typeof importFile>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await importFile(kind, file));
      await qc.invalidateQueries({ queryKey: ['region'] });
    } catch (err) {
      setResult(null);
      setError(err instanceof ApiError ? [err.message, ...Object.values(err.fields)].join(' ') : t('case.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="page">
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <form onSubmit={submit} className="form">
        <SelectField label={t('import.kind')} value={kind} onChange={(e) => setKind(e.target.value)} options={['school_leavers', 'municipal'].map((k) => ({ value: k, label: t(`import.kinds.${k}`) }))} />
        <p className="field__hint">{t(`import.columns.${kind}`)}</p>
        <div className="field">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" className="button" disabled={busy || !file}>
          {t('import.submit')}
        </button>
      </form>
      {error && <Alert>{error}</Alert>}
      {result && (
        <>
          <Alert kind="success">{t('import.result', { imported: result.imported, updated: result.updated, rejected: result.rejected.length })}</Alert>
          {result.rejected.length > 0 && (
            <ul className="list" aria-label={t('import.rejected')}>
              {result.rejected.map((r) => (
                <li key={r.row}>{t('import.row', { row: r.row, reason: r.reason })}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
