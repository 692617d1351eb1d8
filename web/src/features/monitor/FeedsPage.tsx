import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { TableWrap } from '../../ui/TableWrap';
import './monitor.css';

/**
 * Import of national feeds (format koers-monitor-1, docs/monitor-feed.md) from other Koers
 * installations: every row is imported or listed with its row number and the reason.
 */
export default function FeedsPage() {
  const { t } = useTranslation('monitor');
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async () => api<{ imported: number; rejected: { row: number; reason: string }[] }>('/monitor/feeds', { csv: await file!.text() }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) upload.mutate();
  };
  return (
    <section className="page monitor">
      <p>
        <Link to="/monitor">{t('back')}</Link>
      </p>
      <h1>{t('feeds.title')}</h1>
      <p className="lead">{t('feeds.intro')}</p>
      <form onSubmit={submit} className="card">
        <div className="field">
          <label htmlFor="feed-file">{t('feeds.file')}</label>
          <input id="feed-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" disabled={!file || upload.isPending}>
          {t('feeds.import')}
        </button>
      </form>
      {upload.error && <Alert>{upload.error instanceof ApiError ? Object.values(upload.error.fields).join(' ') || upload.error.message : t('errors.generic')}</Alert>}
      {upload.data && (
        <>
          <Alert kind="success">{t('feeds.result', { imported: upload.data.imported, rejected: upload.data.rejected.length })}</Alert>
          {upload.data.rejected.length > 0 && (
            <TableWrap labelledBy="feed-rejected">
              <table>
                <caption id="feed-rejected">{t('feeds.rejected')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('feeds.row')}</th>
                    <th scope="col">{t('feeds.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {upload.data.rejected.map((r) => (
                    <tr key={r.row}>
                      <td>{r.row}</td>
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
