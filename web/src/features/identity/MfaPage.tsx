import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useMe, useSignOut } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { MfaEnrol } from './MfaEnrol';
import { useFormState } from './useForm';

/** /inloggen/tweede-stap: the second step of signing in — verify a code, or link an app first. */
export default function MfaPage() {
  const { t } = useTranslation('identity');
  const { data: me, isLoading } = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const signOut = useSignOut();
  if (isLoading) return <Loading />;
  if (!me) return <Navigate to="/inloggen" replace />;
  if (me.mfa === 'none') return <Navigate to="/" replace />;

  async function finish() {
    await qc.invalidateQueries({ queryKey: ['me'] });
    navigate('/', { replace: true });
  }

  return (
    <section className="page page--narrow">
      <h1>{me.mfa === 'verify' ? t('mfa.verifyTitle') : t('mfa.enrolTitle')}</h1>
      {me.mfa === 'verify' ? <VerifyForm onDone={finish} /> : <MfaEnrol onDone={finish} />}
      <p className="link-row">
        <button
          type="button"
          className="button button--quiet"
          onClick={async () => {
            await signOut();
            navigate('/inloggen');
          }}
        >
          {t('mfa.cancel')}
        </button>
      </p>
    </section>
  );
}

function VerifyForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('identity');
  const f = useFormState();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = useRecovery ? { recoveryCode: value } : { code: value };
    if (await f.run(() => api('/auth/mfa/verify', { body }))) onDone();
  }

  const field = useRecovery ? 'recoveryCode' : 'code';
  return (
    <>
      <p>{useRecovery ? t('mfa.recoveryIntro') : t('mfa.verifyIntro')}</p>
      {f.error && <Alert>{f.error}</Alert>}
      <form onSubmit={submit} noValidate className="form">
        <Field
          key={field}
          label={useRecovery ? t('mfa.recoveryCode') : t('mfa.code')}
          inputMode={useRecovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          value={value}
          error={f.fields[field] ?? f.fields.code}
          onChange={(e) => setValue(e.target.value)}
          required
        />
        <div>
          <button type="submit" className="button" disabled={f.busy}>
            {t('mfa.verify')}
          </button>
        </div>
      </form>
      <p className="link-row">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setValue('');
            f.setFields({});
            f.setError(null);
          }}
        >
          {useRecovery ? t('mfa.useApp') : t('mfa.useRecovery')}
        </button>
      </p>
    </>
  );
}
