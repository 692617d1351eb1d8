import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { TableWrap } from '../../ui/TableWrap';
import { ExploreNav } from './ExploreNav';
import './explore.css';

const DATASETS = ['programmes', 'offerings', 'figures', 'explanations', 'occupations', 'prospects'] as const;
type Result = { dataset: string; imported: number; rejected: { row: number; field: string | null; reason: string }[] };

/** The administrator or LOB-coördinator imports the catalogue, figures and labour-market data (docs/verkennen-import.md). */
export default function ImportPage() {
  const { t } = useTranslation('explore');
  const [dataset, setDataset] = useState<(typeof DATASETS)[number]>('figures');
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: async () => {
      const text = await file!.text();
      const body = /\.json$/i.test(file!.name) ? { rows: JSON.parse(text) } : { csv: text };
      return api<Result>(`/explore/import/${dataset}`, { body });
    },
  });
  const error = run.error instanceof ApiError ? Object.values(run.error.fields)[0] ?? run.error.message : run.error ? t('importer.unreadable') : null;
  return (
    <section className="page">
      <h1>{t('importer.title')}</h1>
      <ExploreNav />
      <p className="lead">{t('importer.intro')}</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (file) run.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="import-dataset">{t('importer.dataset')}</label>
          <select id="import-dataset" value={dataset} onChange={(e) => setDataset(e.target.value as (typeof DATASETS)[number])}>
            {DATASETS.map((d) => (
              <option key={d} value={d}>
                {t(`importer.datasets.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-file">{t('importer.file')}</label>
          <p className="field__hint" id="import-file-hint">
            {t('importer.fileHint')}
          </p>
          <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" aria-describedby="import-file-hint" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" className="button" disabled={!file || run.isPending}>
          {t('importer.run')}
        </button>
      </form>
      {error && <Alert>{error}</Alert>}
      {run.data && (
        <>
          <Alert kind={run.data.rejected.length ? 'info' : 'success'}>{t('importer.result', { imported: run.data.imported, rejected: run.data.rejected.length })}</Alert>
          {run.data.rejected.length > 0 && (
            <TableWrap labelledBy="rejected-caption">
              <table className="explore-table">
                <caption id="rejected-caption">{t('importer.rejected')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('importer.row')}</th>
                    <th scope="col">{t('importer.field')}</th>
                    <th scope="col">{t('importer.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {run.data.rejected.map((r) => (
                    <tr key={r.row}>
                      <td>{r.row}</td>
                      <td>{r.field ?? '–'}</td>
                      <td>{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      )}
    </section>
  );
}
