import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { useAlumni, useAsk, useBuddy, useRequestBuddy, type Alumnus } from './api';
import { ExploreNav } from './ExploreNav';
import './explore.css';

/** Former students who tell their story; a student asks one a question or asks for a buddy. */
export default function AlumniPage() {
  const { t } = useTranslation('explore');
  const [params] = useSearchParams();
  const occupationId = params.get('beroep') ?? undefined;
  const programmeId = params.get('opleiding') ?? undefined;
  const { data, isLoading, error } = useAlumni({ occupationId, programmeId });
  return (
    <section className="page">
      <h1>{t('alumni.title')}</h1>
      <p className="lead">{t('alumni.intro')}</p>
      <ExploreNav />
      {(occupationId || programmeId) && (
        <p>
          <Link to="/verkennen/oud-studenten">{t('alumni.all')}</Link>
        </p>
      )}
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('error')}</Alert>
      ) : data!.items.length === 0 ? (
        <p>{t('alumni.none')}</p>
      ) : (
        <ul className="explore-cards">
          {data!.items.map((a) => (
            <AlumnusCard key={a.id} a={a} />
          ))}
        </ul>
      )}
      <BuddyCard />
    </section>
  );
}

function AlumnusCard({ a }: { a: Alumnus }) {
  const { t } = useTranslation('explore');
  const [body, setBody] = useState('');
  const ask = useAsk(a.id);
  const navigate = useNavigate();
  const fieldId = `question-${a.id}`;
  const error = ask.error instanceof ApiError ? ask.error.fields.body ?? ask.error.message : ask.error ? t('error') : undefined;
  return (
    <li className="card">
      <h2 className="explore-card__title">{a.displayName}</h2>
      <p className="muted">{[a.programme?.name, a.occupation?.name].filter(Boolean).join(' → ')}</p>
      <dl className="facts">
        {a.route && (
          <>
            <dt>{t('alumni.route')}</dt>
            <dd>{a.route}</dd>
          </>
        )}
        {a.workNow && (
          <>
            <dt>{t('alumni.workNow')}</dt>
            <dd>{a.workNow}</dd>
          </>
        )}
        {a.tips && (
          <>
            <dt>{t('alumni.tips')}</dt>
            <dd>{a.tips}</dd>
          </>
        )}
      </dl>
      {a.contactAllowed && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            ask.mutate(body, { onSuccess: (r) => navigate(r.threadUrl) });
          }}
        >
          <div className={`field${error ? ' field--error' : ''}`}>
            <label htmlFor={fieldId}>{t('alumni.question', { name: a.displayName })}</label>
            <p className="field__hint" id={`${fieldId}-hint`}>
              {t('alumni.questionHint')}
            </p>
            {error && (
              <p className="field__error" id={`${fieldId}-error`}>
                {error}
              </p>
            )}
            <textarea id={fieldId} rows={3} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-error` : ''}`} aria-invalid={error ? true : undefined} />
          </div>
          <button type="submit" className="button" disabled={ask.isPending || !body.trim()}>
            {t('alumni.send')}
          </button>
        </form>
      )}
    </li>
  );
}

export function BuddyCard() {
  const { t } = useTranslation('explore');
  const { data } = useBuddy();
  const request = useRequestBuddy();
  if (!data) return null;
  return (
    <section className="card" aria-labelledby="buddy-title">
      <h2 id="buddy-title">{t('buddy.title')}</h2>
      <p>{t('buddy.intro')}</p>
      {data.buddy ? (
        <>
          <p>
            <strong>{data.buddy.displayName}</strong> — {data.buddy.reason}
          </p>
          <p>
            <Link to={`/berichten/${data.buddy.id}`}>{t('buddy.write', { name: data.buddy.displayName })}</Link>
          </p>
        </>
      ) : request.isSuccess ? (
        <p>{t('buddy.noneAvailable')}</p>
      ) : (
        <button type="button" className="button" onClick={() => request.mutate()} disabled={request.isPending}>
          {t('buddy.request')}
        </button>
      )}
      <p className="muted">{t('buddy.privacy')}</p>
    </section>
  );
}
