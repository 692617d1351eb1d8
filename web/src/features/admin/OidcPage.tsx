import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useAdmin, useInstitutionId, useSubmit, type ListResponse, type UserItem } from './api';
import { AdminPage, FormStatus, SelectField, TableWrap } from './ui';

interface Provider {
  id: string;
  institutionId: string;
  name: string;
  issuer: string;
  clientId: string;
  scopes: string;
  subjectClaim: string;
  enabled: boolean;
  callbackUrl: string;
}

/** /beheer/inlogmethoden: OpenID Connect providers (SURFconext, Entree, eduID) and account links. */
export default function OidcPage() {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const { data } = useQuery({
    queryKey: ['admin', inst, 'oidc'],
    queryFn: () => api<ListResponse<Provider>>(`/admin/oidc-providers?institution=${inst}`),
    enabled: Boolean(inst),
  });
  const [editing, setEditing] = useState<Provider | null>(null);
  const providers = data?.items ?? [];
  return (
    <AdminPage title={t('oidc.title')} intro={t('oidc.intro')}>
      {!data ? (
        <Loading />
      ) : providers.length === 0 ? (
        <p>{t('oidc.none')}</p>
      ) : (
        <TableWrap labelledBy="oidc-caption">
          <table>
            <caption id="oidc-caption">{t('oidc.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('oidc.name')}</th>
                <th scope="col">{t('oidc.issuer')}</th>
                <th scope="col">{t('oidc.enabled')}</th>
                <th scope="col">{t('oidc.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {providers.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td className="code">{p.issuer}</td>
                  <td>{p.enabled ? t('yes') : t('no')}</td>
                  <td>
                    <button type="button" className="button button--secondary" aria-label={t('oidc.editNamed', { name: p.name })} onClick={() => setEditing(p)}>
                      {t('oidc.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {providers[0] && (
        <p className="muted">
          {t('oidc.callback')} <span className="code">{providers[0].callbackUrl}</span>
        </p>
      )}
      <ProviderForm key={editing?.id ?? 'new'} provider={editing} onDone={() => setEditing(null)} />
      {providers.length > 0 && <LinkForm providers={providers} />}
    </AdminPage>
  );
}

function ProviderForm({ provider, onDone }: { provider: Provider | null; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const s = useSubmit();
  const [form, setForm] = useState({
    name: provider?.name ?? '',
    issuer: provider?.issuer ?? '',
    clientId: provider?.clientId ?? '',
    clientSecret: '',
    scopes: provider?.scopes ?? 'openid email profile',
    subjectClaim: provider?.subjectClaim ?? 'sub',
    enabled: provider?.enabled ?? true,
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { clientSecret, ...rest } = form;
    // The secret is never shown again; an empty field on edit keeps the stored one.
    const body = { ...rest, ...(clientSecret ? { clientSecret } : {}) };
    const ok = provider
      ? await s.run(() => api(`/admin/oidc-providers/${provider.id}`, { method: 'PATCH', body }), t('saved'))
      : await s.run(() => api('/admin/oidc-providers', { body: { ...body, institutionId: inst } }), t('oidc.created', { name: form.name }));
    if (ok && provider) onDone();
  }

  const heading = provider ? t('oidc.editTitle', { name: provider.name }) : t('oidc.new');
  return (
    <section aria-labelledby="provider-form" className="card">
      <h2 id="provider-form">{heading}</h2>
      <FormStatus error={s.error} done={s.done} />
      <form onSubmit={submit} noValidate className="form">
        <Field label={t('oidc.name')} hint={t('oidc.nameHint')} value={form.name} error={s.fields.name} onChange={set('name')} required />
        <Field label={t('oidc.issuer')} hint={t('oidc.issuerHint')} type="url" value={form.issuer} error={s.fields.issuer} onChange={set('issuer')} required />
        <Field label={t('oidc.clientId')} value={form.clientId} error={s.fields.clientId} onChange={set('clientId')} required />
        <Field
          label={t('oidc.clientSecret')}
          hint={provider ? t('oidc.secretKeep') : undefined}
          type="password"
          autoComplete="new-password"
          value={form.clientSecret}
          error={s.fields.clientSecret}
          onChange={set('clientSecret')}
          required={!provider}
        />
        <Field label={t('oidc.scopes')} value={form.scopes} error={s.fields.scopes} onChange={set('scopes')} />
        <Field label={t('oidc.subjectClaim')} hint={t('oidc.subjectClaimHint')} value={form.subjectClaim} error={s.fields.subjectClaim} onChange={set('subjectClaim')} />
        <div className="checks">
          <label>
            <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
            {t('oidc.enabledLabel')}
          </label>
        </div>
        <div className="row-actions">
          <button type="submit" className="button" disabled={s.busy}>
            {provider ? t('save') : t('oidc.add')}
          </button>
          {provider && (
            <button type="button" className="button button--secondary" onClick={onDone}>
              {t('cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** Links a Koers account to the subject (user id) the federation sends for that person. */
function LinkForm({ providers }: { providers: Provider[] }) {
  const { t } = useTranslation('admin');
  const s = useSubmit();
  const [search, setSearch] = useState('');
  const [userId, setUserId] = useState('');
  const [providerId, setProviderId] = useState(providers[0].id);
  const [subject, setSubject] = useState('');
  const users = useAdmin<ListResponse<UserItem>>(`/users?limit=20&q=${encodeURIComponent(search.trim())}`, search.trim().length >= 2).data?.items ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await s.run(() => api(`/admin/users/${userId}/identities`, { body: { providerId, subject } }), t('oidc.linked'));
    if (ok) setSubject('');
  }
  return (
    <section aria-labelledby="link" className="card">
      <h2 id="link">{t('oidc.linkTitle')}</h2>
      <p className="muted">{t('oidc.linkIntro')}</p>
      <FormStatus error={s.error} done={s.done} />
      <form onSubmit={submit} noValidate className="form">
        <Field label={t('oidc.searchUser')} hint={t('groups.searchHint')} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        <SelectField label={t('oidc.user')} value={userId} error={s.fields.userId} onChange={(e) => setUserId(e.target.value)} placeholder={t('choose')} options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }))} />
        <SelectField label={t('oidc.provider')} value={providerId} error={s.fields.providerId} onChange={(e) => setProviderId(e.target.value)} options={providers.map((p) => ({ value: p.id, label: p.name }))} />
        <Field label={t('oidc.subject')} hint={t('oidc.subjectHint')} value={subject} error={s.fields.subject} onChange={(e) => setSubject(e.target.value)} required />
        <div>
          <button type="submit" className="button" disabled={s.busy || !userId}>
            {t('oidc.link')}
          </button>
        </div>
      </form>
    </section>
  );
}
