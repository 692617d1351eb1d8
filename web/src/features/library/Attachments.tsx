import { useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import type { Attachment } from './api';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

/** The attachments of an exercise as download links; the author or coordinator adds and removes them. */
export function Attachments({ exerciseId, attachments, canEdit }: { exerciseId: string; attachments: Attachment[]; canEdit: boolean }) {
  const { t } = useTranslation('library');
  if (attachments.length === 0 && !canEdit) return null;
  return (
    <section aria-labelledby="attachments" className="card">
      <h2 id="attachments">{t('attachments.title')}</h2>
      {attachments.length === 0 ? (
        <p>{t('attachments.none')}</p>
      ) : (
        <ul className="attachment-list">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`/api/v1/library/attachments/${a.id}`} download={a.filename}>
                {a.filename}
              </a>{' '}
              <span className="muted">({size(a.sizeBytes)})</span>
              {canEdit && <RemoveButton exerciseId={exerciseId} attachment={a} />}
            </li>
          ))}
        </ul>
      )}
      {canEdit && <UploadForm exerciseId={exerciseId} />}
    </section>
  );
}

function RemoveButton({ exerciseId, attachment }: { exerciseId: string; attachment: Attachment }) {
  const { t } = useTranslation('library');
  const qc = useQueryClient();
  async function remove() {
    await api(`/library/attachments/${attachment.id}`, { method: 'DELETE' });
    await qc.invalidateQueries({ queryKey: ['library', 'exercise', exerciseId] });
  }
  return (
    <button type="button" className="button button--quiet" onClick={() => void remove()}>
      {t('attachments.remove', { name: attachment.filename })}
    </button>
  );
}

function UploadForm({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation('library');
  const qc = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function upload(e: FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setMessage({ kind: 'error', text: t('attachments.choose') });
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(true);
    setMessage(null);
    try {
      await api(`/library/exercises/${exerciseId}/attachments`, { form });
      if (fileRef.current) fileRef.current.value = '';
      setMessage({ kind: 'success', text: t('attachments.added') });
      await qc.invalidateQueries({ queryKey: ['library', 'exercise', exerciseId] });
    } catch (err) {
      // The server names what is wrong with the file (type, disguise, size).
      setMessage({ kind: 'error', text: err instanceof ApiError ? (err.fields.file ?? err.message) : t('errors.generic') });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form" onSubmit={upload} noValidate>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <div className="field">
        <label htmlFor="attachment-file">{t('attachments.file')}</label>
        <p className="field__hint" id="attachment-hint">
          {t('attachments.hint')}
        </p>
        <input id="attachment-file" ref={fileRef} type="file" accept=".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp" aria-describedby="attachment-hint" />
      </div>
      <button type="submit" className="button button--secondary" disabled={busy}>
        {t('attachments.upload')}
      </button>
    </form>
  );
}
