import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { useFormState } from './useForm';
import './identity.css';

/** /wachtwoord-herstellen?token=: choose a new password with the link from the reset mail. */
export default function ResetPasswordPage() {
  const { t } = useTranslation('identity');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const f = useFormState();
  const [form, setForm] = useState({ newPassword: '', repeat: '' });
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.newPassword !== form.repeat) {
      f.setError(null);
      f.setFields({ repeat: t('password.mismatch') });
      return;
    }
    if (await f.run(() => api('/auth/password-reset/complete', { body: { token, newPassword: form.newPassword } }))) setDone(true);
  }

  if (!token) {
    return (
      <section className="page page--narrow">
        <h1>{t('reset.title')}</h1>
        <Alert>{t('reset.noToken')}</Alert>
        <p>
          <Link to="/wachtwoord-vergeten">{t('reset.requestNew')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="page page--narrow">
      <h1>{t('reset.title')}</h1>
      {done ? (
        <>
          <Alert kind="success">{t('reset.done')}</Alert>
          <p>
            <Link to="/inloggen">{t('backToLogin')}</Link>
          </p>
        </>
      ) : (
        <>
          {f.error && (
            <Alert>
              {f.error} {f.fields.token && <Link to="/wachtwoord-vergeten">{t('reset.requestNew')}</Link>}
            </Alert>
          )}
          <form onSubmit={submit} noValidate className="form">
            <Field label={t('password.new')} hint={t('password.hint')} type="password" autoComplete="new-password" value={form.newPassword} error={f.fields.newPassword} onChange={(e) => setForm({ ...form, newPassword: e.target.value })} required />
            <Field label={t('password.repeat')} type="password" autoComplete="new-password" value={form.repeat} error={f.fields.repeat} onChange={(e) => setForm({ ...form, repeat: e.target.value })} required />
            <div>
              <button type="submit" className="button" disabled={f.busy}>
                {t('reset.submit')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
