import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';

/** Busy flag, the server's message and its per-field errors for one identity form. */
export function useFormState() {
  const { t } = useTranslation('identity');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  /** Runs the request; resolves to { value } on success, null when it failed (shown in the form). */
  async function run<T>(action: () => Promise<T>): Promise<{ value: T } | null> {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      return { value: await action() };
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      } else setError(t('errors.generic'));
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, fields, run, setFields, setError };
}
