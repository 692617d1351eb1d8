import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { keys, useNetwork, type Contact, type NetworkStep } from './api';
import { PortfolioNav } from './PortfolioNav';
import './portfolio.css';

const STEPS: NetworkStep[] = ['mapped', 'asked', 'active'];
const empty = { name: '', relation: '', organisation: '', canHelpWith: '', lastContactOn: '' };

/** Netwerken, after the Lessenserie Netwerken: map your network, ask for support, set it in motion. */
export default function NetworkPage() {
  const { t } = useTranslation('portfolio');
  const { data: me } = useMe();
  const { data, isLoading } = useNetwork(me?.id);
  const qc = useQueryClient();
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const refresh = () => qc.invalidateQueries({ queryKey: keys.all });

  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      await api('/portfolio/contacts', { body: { ...form, lastContactOn: form.lastContactOn || null } });
      setForm(empty);
      setErrors({});
      await refresh();
    } catch (err) {
      setErrors(err instanceof ApiError ? err.fields : { name: t('errors.generic') });
    }
  }

  return (
    <section className="page">
      <h1>{t('network.title')}</h1>
      <PortfolioNav />
      <p>{t('network.intro')}</p>
      <section aria-labelledby="steps" className="card">
        <h2 id="steps">{t('network.stepsTitle')}</h2>
        <ul className="steps-list">
          {STEPS.map((s) => (
            <li key={s}>
              <strong>{t(`network.steps.${s}`)}</strong>: {t(`network.stepsText.${s}`)}
            </li>
          ))}
        </ul>
      </section>
      {isLoading || !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <p>{t('network.none')}</p>
      ) : (
        <ul className="entry-list">
          {data.items.map((c) => (
            <li key={c.id}>
              <ContactCard contact={c} onChange={refresh} />
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="add-contact" className="card">
        <h2 id="add-contact">{t('network.add')}</h2>
        <form className="inline-form" onSubmit={add}>
          <Field label={t('network.name')} value={form.name} maxLength={120} required error={errors.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <Field label={t('network.relation')} value={form.relation} maxLength={120} error={errors.relation} onChange={(e) => setForm({ ...form, relation: e.target.value })} />
          <Field label={t('network.organisation')} value={form.organisation} maxLength={200} error={errors.organisation} onChange={(e) => setForm({ ...form, organisation: e.target.value })} />
          <Field label={t('network.canHelpWith')} value={form.canHelpWith} maxLength={1000} error={errors.canHelpWith} onChange={(e) => setForm({ ...form, canHelpWith: e.target.value })} />
          <Field label={t('network.lastContact')} type="date" value={form.lastContactOn} error={errors.lastContactOn} onChange={(e) => setForm({ ...form, lastContactOn: e.target.value })} />
          <div>
            <button type="submit" className="button">
              {t('network.add')}
            </button>
          </div>
        </form>
      </section>
    </section>
  );
}

function ContactCard({ contact, onChange }: { contact: Contact; onChange: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation('portfolio');
  const selectId = `step-${contact.id}`;
  async function setStep(step: NetworkStep) {
    await api(`/portfolio/contacts/${contact.id}`, { method: 'PATCH', body: { step } });
    await onChange();
  }
  async function remove() {
    await api(`/portfolio/contacts/${contact.id}`, { method: 'DELETE' });
    await onChange();
  }
  return (
    <article className="entry-card">
      <h3>{contact.name}</h3>
      <p className="muted">{[contact.relation, contact.organisation].filter(Boolean).join(' · ')}</p>
      {contact.canHelpWith && <p>{contact.canHelpWith}</p>}
      {contact.lastContactOn && <p className="muted">{t('network.lastContactOn', { date: formatDate(contact.lastContactOn, i18n.language) })}</p>}
      <div className="field">
        <label htmlFor={selectId}>{t('network.stepFor', { name: contact.name })}</label>
        <select id={selectId} value={contact.step} onChange={(e) => void setStep(e.target.value as NetworkStep)}>
          {STEPS.map((s) => (
            <option key={s} value={s}>
              {t(`network.steps.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button button--quiet" onClick={() => void remove()}>
        {t('network.remove', { name: contact.name })}
      </button>
    </article>
  );
}
