import { useId, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../ui/format';

/** A labelled textarea with an optional hint, like ui/Field. */
export function TextArea({ label, hint, ...rest }: { label: ReactNode; hint?: ReactNode } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="textarea-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...rest} />
    </div>
  );
}

export function When({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  return <time dateTime={iso}>{iso.length === 10 ? formatDate(iso, i18n.language) : formatDateTime(iso, i18n.language)}</time>;
}

/** A status message for a finished action, announced by screen readers. */
export function Saved({ text }: { text: string | null }) {
  return (
    <p role="status" className="muted">
      {text ?? ''}
    </p>
  );
}
