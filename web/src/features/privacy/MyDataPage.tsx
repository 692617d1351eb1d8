import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { hasRole, useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDateTime } from '../../ui/format';
import { TableWrap } from '../../ui/TableWrap';

interface ParentLink {
  id: string;
  displayName: string;
  adultOptIn: boolean;
}

/**
 * "Mijn gegevens": what Koers keeps about you, a download of all of it, and — for students —
 * whether a parent keeps seeing your guidance record once you are 18.
 */
export default function MyDataPage() {
  const { t } = useTranslation('privacy');
  const { data: me } = useMe();
  if (!me) return <Loading />;
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <section className="card" aria-labelledby="download-title">
        <h2 id="download-title">{t('download.title')}</h2>
        <p>{t('download.text')}</p>
        <a className="button" href="/api/v1/me/data-export" download="koers-mijn-gegevens.json">
          {t('download.button')}
        </a>
        <p>{t('download.zipText')}</p>
        <a className="button" href="/api/v1/me/data-export?format=zip" download="koers-mijn-gegevens.zip">
          {t('download.zipButton')}
        </a>
      </section>
      {hasRole(me, 'student') && <ParentAccess />}
      {hasRole(me, 'student') && <WhoLooked studentId={me.id} />}
      <section className="card" aria-labelledby="rights-title">
        <h2 id="rights-title">{t('rights.title')}</h2>
        <ul>
          <li>{t('rights.private')}</li>
          <li>{t('rights.audit')}</li>
          <li>{t('rights.erase')}</li>
        </ul>
      </section>
    </section>
  );
}

function ParentAccess() {
  const { t } = useTranslation('privacy');
  const qc = useQueryClient();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [choices, setChoices] = useState<Record<string, boolean>>({});
  const { data, isLoading } = useQuery({ queryKey: ['me', 'parents'], queryFn: () => api<{ items: ParentLink[] }>('/me/parents') });
  const save = useMutation({
    mutationFn: (p: { id: string; adultOptIn: boolean }) => api<{ items: ParentLink[] }>(`/me/parents/${p.id}`, { method: 'PATCH', body: { adultOptIn: p.adultOptIn } }),
    onSuccess: (res) => {
      qc.setQueryData(['me', 'parents'], res);
      setMessage({ kind: 'success', text: t('parents.saved') });
    },
    onError: (err, p) => {
      setChoices((c) => ({ ...c, [p.id]: !p.adultOptIn }));
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : t('parents.failed') });
    },
  });
  if (isLoading) return <Loading />;
  const parents = data?.items ?? [];
  return (
    <section className="card" aria-labelledby="parents-title">
      <h2 id="parents-title">{t('parents.title')}</h2>
      <p>{t('parents.text')}</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {parents.length === 0 ? (
        <p>{t('parents.none')}</p>
      ) : (
        <ul className="list">
          {parents.map((p) => (
            <li key={p.id} className="checkbox-row">
              <input
                type="checkbox"
                id={`parent-${p.id}`}
                checked={choices[p.id] ?? p.adultOptIn}
                onChange={(e) => {
                  // Show the choice at once; an error puts it back.
                  const adultOptIn = e.target.checked;
                  setChoices((c) => ({ ...c, [p.id]: adultOptIn }));
                  save.mutate({ id: p.id, adultOptIn });
                }}
              />
              <label htmlFor={`parent-${p.id}`}>{t('parents.optIn', { name: p.displayName })}</label>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface AuditItem {
  id: number;
  at: string;
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  actor: { id: string; displayName: string | null } | null;
}

/** The student's own view of the audit log: who looked at or changed their record. */
function WhoLooked({ studentId }: { studentId: string }) {
  const { t, i18n } = useTranslation('privacy');
  const { data, isLoading } = useQuery({
    queryKey: ['audit', studentId],
    queryFn: () => api<{ items: AuditItem[] }>(`/audit?studentId=${studentId}&limit=20`),
  });
  if (isLoading) return <Loading />;
  const items = (data?.items ?? []).filter((i) => i.actor?.id !== studentId);
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <p>{t('audit.text')}</p>
      {items.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <TableWrap labelledBy="audit-title">
          <table>
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td>{formatDateTime(i.at, i18n.language)}</td>
                  <td>{i.actor?.displayName ?? t('audit.unknown')}</td>
                  <td>
                    {t(`audit.actions.${i.action.replace(/\./g, '_')}`, { defaultValue: i.action })}
                    {i.outcome === 'denied' && ` (${t('audit.denied')})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
