import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../../app/api';
import { clearDrafts, takeSessionEndedNotice } from '../../app/session';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import './identity.css';

interface Provider {
  id: string;
  name: string;
  institutionId: string;
}

/** The school sign-in buttons: plain links, the server redirects to the provider. */
function FederatedLogin() {
  const { t } = useTranslation('identity');
  const { data } = useQuery({
    queryKey: ['oidc-providers'],
    queryFn: () => api<{ items: Provider[] }>('/auth/oidc/providers'),
    staleTime: 300_000,
  });
  const providers = data?.items ?? [];
  if (providers.length === 0) return null;
  return (
    <section aria-labelledby="federated">
      <h2 id="federated" className="visually-hidden">
        {t('login.federatedTitle')}
      </h2>
      <div className="federated">
        {providers.map((p) => (
          <a key={p.id} className="button button--secondary" href={`/api/v1/auth/oidc/${encodeURIComponent(p.id)}/start`}>
            {t('login.federatedWith', { name: p.name })}
          </a>
        ))}
      </div>
      <p className="divider">{t('login.or')}</p>
    </section>
  );
}

interface LoginResponse {
  user: { id: string };
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
  const [sessionEnded] = useState(takeSessionEndedNotice);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const res = await api<LoginResponse>('/auth/login', { body: { email, password } });
      setCsrfToken(res.csrfToken);
      // unsaved input of another account never shows; this person's comes back
      clearDrafts(res.user.id);
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
      {sessionEnded && !error && (
        <Alert kind="info">{t('login.sessionEnded')}</Alert>
      )}
      {error && <Alert>{error}</Alert>}
      <FederatedLogin />
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
      <p className="link-row">
        <Link to="/wachtwoord-vergeten">{t('login.forgot')}</Link>
      </p>
      <p className="link-row">
        {/* Verkennen is open without an account: pupils and parents browse programmes and sign up for a meeloopdag. */}
        <Link to="/verkennen">{t('nav:explore')}</Link>
      </p>
    </section>
  );
}
