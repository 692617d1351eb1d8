import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../app/api';
import { hasRole, useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Field, SelectField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { TextArea } from '../guidance/ui';
import { SERVICE_KINDS, createService, useServices, type Service } from './api';
import './region.css';

/** The sociale kaart: who does what in the region, for whom, from which age, on which conditions. */
export default function SocialMapPage() {
  const { t } = useTranslation('region');
  const { data: me } = useMe();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [age, setAge] = useState('');
  const params = new URLSearchParams({ ...(q.trim() ? { q: q.trim() } : {}), ...(kind ? { kind } : {}), ...(/^\d{1,2}$/.test(age) ? { age } : {}) });
  const { data, isLoading } = useServices(params.toString());
  const items = data?.items ?? [];
  return (
    <section className="page">
      <h1>{t('map.title')}</h1>
      <p>{t('map.intro')}</p>
      <form className="region-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="map-q">{t('map.search')}</label>
          <input id="map-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div>
          <label htmlFor="map-kind">{t('map.kind')}</label>
          <select id="map-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('map.anyKind')}</option>
            {SERVICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`serviceKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="map-age">{t('map.age')}</label>
          <input id="map-age" inputMode="numeric" value={age} onChange={(e) => setAge(e.target.value)} size={4} />
        </div>
      </form>
      {isLoading ? (
        <Loading />
      ) : (
        <>
          <p role="status">{t('map.count', { count: items.length })}</p>
          <ul className="youth-list">
            {items.map((s) => (
              <ServiceItem key={s.id} s={s} />
            ))}
          </ul>
        </>
      )}
      {hasRole(me, 'regional_coordinator') && <NewService />}
    </section>
  );
}

function ServiceItem({ s }: { s: Service }) {
  const { t } = useTranslation('region');
  const ages = s.minAge !== null && s.maxAge !== null ? t('map.ages', { min: s.minAge, max: s.maxAge }) : s.minAge !== null ? t('map.fromAge', { min: s.minAge }) : s.maxAge !== null ? t('map.toAge', { max: s.maxAge }) : t('map.allAges');
  return (
    <li>
      <h2 className="h3-like">{s.name}</h2>
      <p className="muted">
        {t(`serviceKind.${s.kind}`)} · {ages}
      </p>
      {s.description && <p>{s.description}</p>}
      <dl className="facts">
        {s.audience && (
          <>
            <dt>{t('map.audience')}</dt>
            <dd>{s.audience}</dd>
          </>
        )}
        {s.eligibility && (
          <>
            <dt>{t('map.eligibility')}</dt>
            <dd>{s.eligibility}</dd>
          </>
        )}
        {s.contact && (
          <>
            <dt>{t('map.contact')}</dt>
            <dd>{s.contact}</dd>
          </>
        )}
        {s.url && (
          <>
            <dt>{t('map.website')}</dt>
            <dd>
              <a href={s.url} rel="noopener noreferrer">
                {s.url}
              </a>
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}

function NewService() {
  const { t } = useTranslation('region');
  const qc = useQueryClient();
  const empty = { name: '', kind: 'other', audience: '', minAge: '', maxAge: '', eligibility: '', contact: '', description: '', url: '' };
  const [form, setForm] = useState(empty);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await createService({
        name: form.name,
        kind: form.kind as Service['kind'],
        audience: form.audience,
        description: form.description,
        eligibility: form.eligibility,
        contact: form.contact,
        minAge: form.minAge ? Number(form.minAge) : null,
        maxAge: form.maxAge ? Number(form.maxAge) : null,
        url: form.url || null,
      });
      setForm(empty);
      setMessage({ kind: 'success', text: t('map.saved') });
      await qc.invalidateQueries({ queryKey: ['region', 'services'] });
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? [err.message, ...Object.values(err.fields)].join(' ') : t('case.failed') });
    }
  };
  return (
    <section aria-labelledby="new-service" className="card">
      <h2 id="new-service">{t('map.add')}</h2>
      <form onSubmit={submit} className="form">
        <Field label={t('map.name')} value={form.name} onChange={set('name')} required maxLength={200} />
        <SelectField label={t('map.kind')} value={form.kind} onChange={set('kind')} options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`serviceKind.${k}`) }))} />
        <TextArea label={t('map.description')} value={form.description} onChange={set('description')} maxLength={4000} />
        <Field label={t('map.audience')} value={form.audience} onChange={set('audience')} maxLength={1000} />
        <Field label={t('map.minAge')} inputMode="numeric" value={form.minAge} onChange={set('minAge')} />
        <Field label={t('map.maxAge')} inputMode="numeric" value={form.maxAge} onChange={set('maxAge')} />
        <TextArea label={t('map.eligibility')} value={form.eligibility} onChange={set('eligibility')} maxLength={4000} />
        <Field label={t('map.contact')} value={form.contact} onChange={set('contact')} maxLength={1000} />
        <Field label={t('map.website')} type="url" value={form.url} onChange={set('url')} />
        <button type="submit" className="button">
          {t('map.save')}
        </button>
      </form>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
    </section>
  );
}
