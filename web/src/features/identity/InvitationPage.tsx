import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../../app/api';
import { useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { useFormState } from './useForm';
import './identity.css';

interface InvitationView {
  kind: 'parent' | 'praktijkopleider';
  studentGivenName: string;
  institutionName: string;
  expiresAt: string;
}

/**
 * /uitnodiging?token=: what the invitation is for, then either a new account (name and
 * password) or, when signed in with the invited address, linking the existing account.
 */
export default function InvitationPage() {
  const { t, i18n } = useTranslation('identity');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { data: me } = useMe();
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api<InvitationView>(`/invitations/${encodeURIComponent(token)}`),
    enabled: token.length >= 10,
    retry: false,
  });

  if (token.length < 10 || invitation.isError) {
    const message = invitation.error instanceof ApiError ? invitation.error.message : t('invitation.invalid');
    return (
      <section className="page page--narrow">
        <h1>{t('invitation.title')}</h1>
        <Alert>{message}</Alert>
      </section>
    );
  }
  if (!invitation.data) return <Loading />;
  const inv = invitation.data;
  return (
    <section className="page page--narrow">
      <h1>{t('invitation.title')}</h1>
      <p className="lead">{t(`invitation.intro.${inv.kind}`, { school: inv.institutionName, student: inv.studentGivenName })}</p>
      <p className="muted">{t('invitation.expires', { date: formatDate(inv.expiresAt, i18n.language) })}</p>
      {me && me.mfa === 'none' ? <AcceptSignedIn token={token} email={me.email} /> : <CreateAccount token={token} />}
    </section>
  );
}

function useAccepted() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return async (csrfToken: string) => {
    setCsrfToken(csrfToken);
    await qc.invalidateQueries({ queryKey: ['me'] });
    navigate('/', { replace: true });
  };
}

function AcceptSignedIn({ token, email }: { token: string; email: string }) {
  const { t } = useTranslation('identity');
  const f = useFormState();
  const accepted = useAccepted();
  async function accept() {
    const res = await f.run(() => api<{ csrfToken: string }>(`/invitations/${encodeURIComponent(token)}/accept`, { body: {} }));
    if (res) await accepted(res.value.csrfToken);
  }
  return (
    <>
      {f.error && <Alert>{f.error}</Alert>}
      <p>{t('invitation.signedInAs', { email })}</p>
      <button type="button" className="button" onClick={accept} disabled={f.busy}>
        {t('invitation.acceptLinked')}
      </button>
    </>
  );
}

function CreateAccount({ token }: { token: string }) {
  const { t } = useTranslation('identity');
  const f = useFormState();
  const accepted = useAccepted();
  const [form, setForm] = useState({ givenName: '', familyName: '', password: '', repeat: '' });
  const [needsSignIn, setNeedsSignIn] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const back = `/uitnodiging?token=${encodeURIComponent(token)}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password !== form.repeat) {
      f.setError(null);
      f.setFields({ repeat: t('password.mismatch') });
      return;
    }
    const { repeat: _repeat, ...body } = form;
    const res = await f.run(async () => {
      try {
        return await api<{ csrfToken: string }>(`/invitations/${encodeURIComponent(token)}/accept`, { body });
      } catch (err) {
        // An account with this address exists: the invitee signs in first, then comes back.
        if (err instanceof ApiError && err.code === 'invitation_sign_in_first') setNeedsSignIn(true);
        throw err;
      }
    });
    if (res) await accepted(res.value.csrfToken);
  }

  return (
    <>
      {f.error && (
        <Alert>
          {f.error}{' '}
          {needsSignIn && <Link to={`/inloggen?terug=${encodeURIComponent(back)}`}>{t('invitation.signIn')}</Link>}
        </Alert>
      )}
      <h2>{t('invitation.newAccount')}</h2>
      <form onSubmit={submit} noValidate className="form">
        <Field label={t('invitation.givenName')} autoComplete="given-name" value={form.givenName} error={f.fields.givenName} onChange={set('givenName')} required />
        <Field label={t('invitation.familyName')} autoComplete="family-name" value={form.familyName} error={f.fields.familyName} onChange={set('familyName')} required />
        <Field label={t('password.new')} hint={t('password.hint')} type="password" autoComplete="new-password" value={form.password} error={f.fields.password} onChange={set('password')} required />
        <Field label={t('password.repeat')} type="password" autoComplete="new-password" value={form.repeat} error={f.fields.repeat} onChange={set('repeat')} required />
        <div>
          <button type="submit" className="button" disabled={f.busy}>
            {t('invitation.accept')}
          </button>
        </div>
      </form>
      <p className="link-row">
        {t('invitation.haveAccount')} <Link to={`/inloggen?terug=${encodeURIComponent(back)}`}>{t('invitation.signIn')}</Link>
      </p>
    </>
  );
}
