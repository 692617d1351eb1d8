import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { formatDate, formatDateTime } from '../../ui/format';
import { ASPECTS, keys, useEntry, type EntryDetail, type Evidence, type SharingTarget } from './api';
import { SharingChoices } from './EntryFormPage';
import { PortfolioNav } from './PortfolioNav';
import './portfolio.css';

/** One entry: the reflection, its evidence and the feedback thread; the owner also manages sharing. */
export default function EntryPage() {
  const { t, i18n } = useTranslation('portfolio');
  const { id } = useParams();
  const { data: entry, isLoading, error } = useEntry(id);
  const qc = useQueryClient();
  const navigate = useNavigate();

  // Opening the thread is what "reading" the new feedback means for the student.
  useEffect(() => {
    if (entry?.canEdit && entry.unreadFeedback) {
      void api(`/portfolio/entries/${entry.id}/feedback/read`, { method: 'POST' }).then(() => qc.invalidateQueries({ queryKey: keys.all }));
    }
  }, [entry?.id, entry?.canEdit, entry?.unreadFeedback, qc]);

  if (isLoading) return <Loading />;
  if (error || !entry) {
    return (
      <section className="page">
        <h1>{t('errors.generic')}</h1>
        <Alert>{error instanceof ApiError ? error.message : t('errors.generic')}</Alert>
      </section>
    );
  }
  const owner = entry.canEdit;
  const back = owner ? '/portfolio' : `/studenten/${entry.studentId}`;

  async function remove() {
    if (!window.confirm(t('entry.confirmDelete'))) return;
    await api(`/portfolio/entries/${entry!.id}`, { method: 'DELETE' });
    await qc.invalidateQueries({ queryKey: keys.all });
    navigate('/portfolio');
  }

  return (
    <section className="page">
      <p>
        <Link to={back}>{owner ? t('entry.back') : t('entry.backStudent')}</Link>
      </p>
      <h1>{entry.title}</h1>
      {owner && <PortfolioNav />}
      <p className="muted">
        {t('entry.meta', { kind: t(`kind.${entry.kind}`), date: formatDate(entry.occurredOn, i18n.language) })}
        {entry.place ? ` · ${entry.place}` : ''}
      </p>
      <ul className="tags" aria-label={t('form.steps.competencies')}>
        {entry.competencies.map((c) => (
          <li key={c} className="tag">
            {t(`competence.${c}`)}
          </li>
        ))}
        {entry.status === 'draft' && <li className="tag tag--draft">{t('status.draft')}</li>}
      </ul>
      {owner && (
        <div className="actions-row">
          <Link className="button button--secondary" to={`/portfolio/ervaring/${entry.id}/bewerken`}>
            {t('entry.edit')}
          </Link>
          <button type="button" className="button button--danger" onClick={() => void remove()}>
            {t('entry.delete')}
          </button>
        </div>
      )}
      <section aria-labelledby="reflection" className="card">
        <h2 id="reflection">{t('entry.reflectionTitle')}</h2>
        <dl className="reflection">
          {ASPECTS.map((a) => (
            <div key={a}>
              <dt>{t(`entry.aspect.${a}`)}</dt>
              <dd>{entry.reflection[a] || t('entry.empty')}</dd>
            </div>
          ))}
        </dl>
      </section>
      <EvidenceSection entry={entry} />
      {owner && <SharingSection entry={entry} />}
      <FeedbackSection entry={entry} />
    </section>
  );
}

function EvidenceSection({ entry }: { entry: EntryDetail }) {
  const { t } = useTranslation('portfolio');
  const qc = useQueryClient();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(e: FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(true);
    setMessage(null);
    try {
      await api(`/portfolio/entries/${entry.id}/evidence`, { form });
      if (fileRef.current) fileRef.current.value = '';
      setMessage({ kind: 'success', text: t('entry.evidenceUploaded') });
      await qc.invalidateQueries({ queryKey: keys.entry(entry.id) });
    } catch (err) {
      // The server names what is wrong with the file (type, disguise, size).
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.fields.file ?? err.message : t('errors.generic') });
    } finally {
      setBusy(false);
    }
  }

  async function remove(ev: Evidence) {
    await api(`/portfolio/evidence/${ev.id}`, { method: 'DELETE' });
    await qc.invalidateQueries({ queryKey: keys.entry(entry.id) });
  }

  return (
    <section aria-labelledby="evidence" className="card">
      <h2 id="evidence">{t('entry.evidenceTitle')}</h2>
      {entry.evidence.length === 0 ? (
        <p>{t('entry.evidenceNone')}</p>
      ) : (
        <ul className="evidence-list">
          {entry.evidence.map((ev) => (
            <li key={ev.id}>
              <EvidenceView evidence={ev} />
              {entry.canEdit && (
                <button type="button" className="button button--quiet" onClick={() => void remove(ev)}>
                  {t('entry.evidenceRemove', { name: ev.filename })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {entry.canEdit && (
        <form className="inline-form" onSubmit={upload}>
          <label htmlFor={inputId}>{t('entry.evidenceFile')}</label>
          <p className="field__hint" id={`${inputId}-hint`}>
            {t('entry.evidenceHint')}
          </p>
          <input
            id={inputId}
            ref={fileRef}
            type="file"
            aria-describedby={`${inputId}-hint`}
            accept=".jpg,.jpeg,.png,.webp,.pdf,.docx,.odt,.pptx,.xlsx,.mp3,.m4a,.ogg,.wav,.mp4,.webm,image/jpeg,image/png,image/webp,application/pdf,audio/*,video/mp4,video/webm"
          />
          {message && <Alert kind={message.kind}>{message.text}</Alert>}
          <div>
            <button type="submit" className="button" disabled={busy}>
              {t('entry.evidenceUpload')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function EvidenceView({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation('portfolio');
  const url = `/api/v1/portfolio/evidence/${evidence.id}`;
  if (evidence.mediaType.startsWith('image/')) return <img src={url} alt={evidence.filename} loading="lazy" />;
  if (evidence.mediaType.startsWith('audio/')) {
    return (
      <figure>
        <audio controls preload="none" src={`${url}?inline=1`} aria-label={evidence.filename} />
        <figcaption>
          <a href={url}>{t('entry.evidenceDownload', { name: evidence.filename })}</a>
        </figcaption>
      </figure>
    );
  }
  return <a href={url}>{t('entry.evidenceDownload', { name: evidence.filename })}</a>;
}

function SharingSection({ entry }: { entry: EntryDetail }) {
  const { t } = useTranslation('portfolio');
  const qc = useQueryClient();
  const [value, setValue] = useState<SharingTarget[]>(entry.sharing ?? []);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    setError(null);
    try {
      await api(`/portfolio/entries/${entry.id}`, { method: 'PATCH', body: { sharing: value } });
      setSaved(true);
      await qc.invalidateQueries({ queryKey: keys.all });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.generic'));
    }
  }

  return (
    <section aria-labelledby="sharing" className="card">
      <h2 id="sharing">{t('entry.sharingTitle')}</h2>
      <form className="inline-form" onSubmit={save}>
        <SharingChoices value={value} onChange={setValue} legend={t('form.sharingHint')} />
        {saved && <Alert kind="success">{t('entry.sharingSaved')}</Alert>}
        {error && <Alert>{error}</Alert>}
        <div>
          <button type="submit" className="button">
            {t('entry.sharingSave')}
          </button>
        </div>
      </form>
    </section>
  );
}

function FeedbackSection({ entry }: { entry: EntryDetail }) {
  const { t, i18n } = useTranslation('portfolio');
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const textId = useId();
  const owner = entry.canEdit;

  async function send(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSent(false);
    try {
      await api(`/portfolio/entries/${entry.id}/feedback`, { body: { body } });
      setBody('');
      setSent(true);
      await qc.invalidateQueries({ queryKey: keys.entry(entry.id) });
    } catch (err) {
      setError(err instanceof ApiError ? err.fields.body ?? err.message : t('errors.generic'));
    }
  }

  return (
    <section aria-labelledby="feedback" className="card">
      <h2 id="feedback">{t('entry.feedbackTitle')}</h2>
      {entry.feedback.length === 0 ? (
        <p>{t('entry.feedbackNone')}</p>
      ) : (
        <ol className="thread">
          {entry.feedback.map((f) => (
            <li key={f.id} className={`thread--${f.authorRole}`}>
              <p className="thread__who">
                {f.authorName ?? t('entry.unknownAuthor')} ({t(`entry.role.${f.authorRole}`)})
              </p>
              <p className="muted">{formatDateTime(f.createdAt, i18n.language)}</p>
              <p>{f.body}</p>
            </li>
          ))}
        </ol>
      )}
      {entry.canGiveFeedback && (
        <form className="inline-form" onSubmit={send}>
          <label htmlFor={textId}>{owner ? t('entry.replyLabel') : t('entry.feedbackLabel')}</label>
          <textarea id={textId} value={body} maxLength={4000} required onChange={(e) => setBody(e.target.value)} />
          {error && <Alert>{error}</Alert>}
          {sent && <Alert kind="success">{t('entry.feedbackSent')}</Alert>}
          <div>
            <button type="submit" className="button" disabled={!body.trim()}>
              {owner ? t('entry.replySend') : t('entry.feedbackSend')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
