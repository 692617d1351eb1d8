import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { MfaEnrol } from './MfaEnrol';
import { useFormState } from './useForm';
import './identity.css';

/** /account: who you are signed in as, your password, and your authenticator app. */
export default function AccountPage() {
  const { t } = useTranslation('identity');
  const { data: me } = useMe();
  if (!me) return <Loading />;
  return (
    <section className="page page--narrow">
      <h1>{t('account.title')}</h1>
      <section aria-labelledby="who" className="card">
        <h2 id="who">{t('account.who')}</h2>
        <dl className="facts">
          <dt>{t('account.name')}</dt>
          <dd>{me.displayName}</dd>
          <dt>{t('login.email')}</dt>
          <dd className="code">{me.email}</dd>
        </dl>
      </section>
      <PasswordChange />
      <MfaSettings />
    </section>
  );
}

function PasswordChange() {
  const { t } = useTranslation('identity');
  const f = useFormState();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [done, setDone] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (form.newPassword !== form.repeat) {
      f.setError(null);
      f.setFields({ repeat: t('password.mismatch') });
      return;
    }
    const ok = await f.run(() => api('/auth/password', { body: { currentPassword: form.currentPassword, newPassword: form.newPassword } }));
    if (ok) {
      setDone(true);
      setForm({ currentPassword: '', newPassword: '', repeat: '' });
    }
  }

  return (
    <section aria-labelledby="password" className="card">
      <h2 id="password">{t('password.changeTitle')}</h2>
      {f.error && <Alert>{f.error}</Alert>}
      {done && <Alert kind="success">{t('password.changed')}</Alert>}
      <form onSubmit={submit} noValidate className="form">
        <Field label={t('password.current')} type="password" autoComplete="current-password" value={form.currentPassword} error={f.fields.currentPassword} onChange={set('currentPassword')} required />
        <Field label={t('password.new')} hint={t('password.hint')} type="password" autoComplete="new-password" value={form.newPassword} error={f.fields.newPassword} onChange={set('newPassword')} required />
        <Field label={t('password.repeat')} type="password" autoComplete="new-password" value={form.repeat} error={f.fields.repeat} onChange={set('repeat')} required />
        <div>
          <button type="submit" className="button" disabled={f.busy}>
            {t('password.change')}
          </button>
        </div>
      </form>
    </section>
  );
}

interface MfaStatus {
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

function MfaSettings() {
  const { t } = useTranslation('identity');
  const qc = useQueryClient();
  const { data: status } = useQuery({ queryKey: ['mfa-status'], queryFn: () => api<MfaStatus>('/auth/mfa') });
  const [enrolling, setEnrolling] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['mfa-status'] });
  return (
    <section aria-labelledby="mfa" className="card">
      <h2 id="mfa">{t('mfa.settingsTitle')}</h2>
      {!status ? (
        <Loading />
      ) : status.enabled ? (
        <>
          <p>{t('mfa.on', { count: status.recoveryCodesLeft })}</p>
          {status.required ? <p className="muted">{t('mfa.requiredForRole')}</p> : <DisableMfa onDone={refresh} />}
        </>
      ) : enrolling ? (
        <MfaEnrol
          onDone={() => {
            setEnrolling(false);
            void refresh();
          }}
        />
      ) : (
        <>
          <p>{status.required ? t('mfa.offRequired') : t('mfa.off')}</p>
          <button type="button" className="button" onClick={() => setEnrolling(true)}>
            {t('mfa.turnOn')}
          </button>
        </>
      )}
    </section>
  );
}

function DisableMfa({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('identity');
  const f = useFormState();
  const [currentPassword, setCurrentPassword] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await f.run(() => api('/auth/mfa/disable', { body: { currentPassword } }))) onDone();
  }
  return (
    <form onSubmit={submit} noValidate className="form">
      {f.error && <Alert>{f.error}</Alert>}
      <Field label={t('password.current')} type="password" autoComplete="current-password" value={currentPassword} error={f.fields.currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} required />
      <div>
        <button type="submit" className="button button--danger" disabled={f.busy}>
          {t('mfa.turnOff')}
        </button>
      </div>
    </form>
  );
}
