import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { useFormState } from './useForm';
import './identity.css';

/** Shows a base32 secret in groups of four, the way authenticator apps ask for it. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Linking an authenticator app: start (secret and otpauth link, shown once), confirm with a
 * code from the app, then the recovery codes, shown once. Used after sign-in and on /account.
 */
export function MfaEnrol({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('identity');
  const f = useFormState();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  async function start() {
    const res = await f.run(() => api<{ secret: string; uri: string }>('/auth/mfa/enrol', { method: 'POST' }));
    if (res) setEnrolment(res.value);
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    const res = await f.run(() => api<{ recoveryCodes: string[] }>('/auth/mfa/confirm', { body: { code } }));
    if (res) setRecoveryCodes(res.value.recoveryCodes);
  }

  if (recoveryCodes) {
    return (
      <div>
        <Alert kind="success">{t('mfa.enrolled')}</Alert>
        <h2>{t('mfa.recoveryTitle')}</h2>
        <p>{t('mfa.recoveryText')}</p>
        <ul className="recovery-codes" aria-label={t('mfa.recoveryTitle')}>
          {recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <button type="button" className="button" onClick={onDone}>
          {t('mfa.recoverySaved')}
        </button>
      </div>
    );
  }

  if (!enrolment) {
    return (
      <div>
        {f.error && <Alert>{f.error}</Alert>}
        <p>{t('mfa.enrolIntro')}</p>
        <button type="button" className="button" onClick={start} disabled={f.busy}>
          {t('mfa.enrolStart')}
        </button>
      </div>
    );
  }

  return (
    <div>
      <ol>
        <li>{t('mfa.stepApp')}</li>
        <li>
          {t('mfa.stepSecret')}
          <p className="code secret" aria-label={t('mfa.secretLabel')}>
            {grouped(enrolment.secret)}
          </p>
          <p>
            <a href={enrolment.uri}>{t('mfa.openApp')}</a>
          </p>
          <details>
            <summary>{t('mfa.showUri')}</summary>
            <p className="code">{enrolment.uri}</p>
          </details>
        </li>
        <li>{t('mfa.stepCode')}</li>
      </ol>
      {f.error && <Alert>{f.error}</Alert>}
      <form onSubmit={confirm} noValidate className="form">
        <Field
          label={t('mfa.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          error={f.fields.code}
          onChange={(e) => setCode(e.target.value)}
          required
        />
        <div>
          <button type="submit" className="button" disabled={f.busy}>
            {t('mfa.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
