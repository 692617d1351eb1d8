import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { useCountedEntry, type Aspect } from './api';
import './programme.css';

const ASPECTS: Aspect[] = ['orientatie', 'mening', 'reflectie'];

/**
 * An entry that counted for the inspanningsverplichting, as the mentor and the exam board open it
 * from the status or the result list. Opening it is recorded in the audit log, which the student sees.
 */
export default function RecordPage() {
  const { id, entryId } = useParams();
  const { t, i18n } = useTranslation('programme');
  const { data, isLoading, error } = useCountedEntry(id, entryId);
  if (isLoading) return <Loading />;
  if (error || !data) return <Alert>{t('errors.notFound')}</Alert>;
  return (
    <section className="page">
      <p>
        <Link to={`/lob/voortgang/${id}`}>{t('record.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="muted">
        {formatDate(data.occurredOn, i18n.language)}
        {data.place ? ` · ${data.place}` : ''}
      </p>
      <Alert kind="info">{t('record.audited')}</Alert>
      {ASPECTS.map((a) => (
        <section key={a} className="card" aria-labelledby={`aspect-${a}`}>
          <h2 id={`aspect-${a}`}>{t(`status.aspect.${a}`)}</h2>
          <p className="prewrap">{data.reflection[a]}</p>
        </section>
      ))}
      {data.evidence.length > 0 && (
        <section className="card" aria-labelledby="evidence">
          <h2 id="evidence">{t('record.evidence')}</h2>
          <ul>
            {data.evidence.map((e) => (
              <li key={e.id}>{e.filename}</li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
