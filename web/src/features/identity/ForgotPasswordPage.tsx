import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { useFormState } from './useForm';
import './identity.css';

/** /wachtwoord-vergeten: ask for a reset link; the answer never tells whether the account exists. */
export default function ForgotPasswordPage() {
  const { t } = useTranslation('identity');
  const f = useFormState();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await f.run(() => api<{ message: string }>('/auth/password-reset/request', { body: { email } }));
    if (res) setSent(res.value.message);
  }

  return (
    <section className="page page--narrow">
      <h1>{t('forgot.title')}</h1>
      {sent ? (
        <Alert kind="success">{sent}</Alert>
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          {f.error && <Alert>{f.error}</Alert>}
          <form onSubmit={submit} noValidate className="form">
            <Field label={t('login.email')} type="email" autoComplete="username" value={email} error={f.fields.email} onChange={(e) => setEmail(e.target.value)} required />
            <div>
              <button type="submit" className="button" disabled={f.busy}>
                {t('forgot.submit')}
              </button>
            </div>
          </form>
        </>
      )}
      <p className="link-row">
        <Link to="/inloggen">{t('backToLogin')}</Link>
      </p>
    </section>
  );
}
