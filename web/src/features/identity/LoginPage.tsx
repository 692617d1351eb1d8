import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';

interface LoginResponse {
  csrfToken: string;
  mfa: 'none' | 'verify' | 'enrol';
}

export default function LoginPage() {
  const { t } = useTranslation('identity');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(params.get('fout') ? t(`errors.${params.get('fout')}`, t('errors.generic')) : null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const res = await api<LoginResponse>('/auth/login', { body: { email, password } });
      setCsrfToken(res.csrfToken);
      await qc.invalidateQueries({ queryKey: ['me'] });
      const back = params.get('terug');
      navigate(res.mfa !== 'none' ? '/inloggen/tweede-stap' : back && back.startsWith('/') && !back.startsWith('//') ? back : '/');
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFieldErrors(err.fields);
      } else setError(t('errors.generic'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page page--narrow">
      <h1>{t('login.title')}</h1>
      <p>{t('login.intro')}</p>
      {error && <Alert>{error}</Alert>}
      <form onSubmit={submit} noValidate className="form">
        <Field
          label={t('login.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          error={fieldErrors.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label={t('login.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          error={fieldErrors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </section>
  );
}
