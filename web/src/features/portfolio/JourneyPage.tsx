import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { keys, useJourney, type JourneyItem } from './api';
import { PortfolioNav } from './PortfolioNav';
import './portfolio.css';

const MILESTONE_KINDS = ['opleiding_start', 'internship', 'choice', 'next_step', 'other'] as const;

/** The career as a journey (Kaart van de Loopbaanrealisatie): entries, milestones and choices in time. */
export default function JourneyPage() {
  const { t } = useTranslation('portfolio');
  const { data: me } = useMe();
  const { data, isLoading } = useJourney(me?.id);
  const qc = useQueryClient();
  const [form, setForm] = useState({ kind: 'choice', title: '', occurredOn: '', note: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      await api('/portfolio/milestones', { body: form });
      setForm({ kind: 'choice', title: '', occurredOn: '', note: '' });
      setErrors({});
      await qc.invalidateQueries({ queryKey: keys.all });
    } catch (err) {
      setErrors(err instanceof ApiError ? err.fields : { title: t('errors.generic') });
    }
  }

  return (
    <section className="page">
      <h1>{t('journey.title')}</h1>
      <PortfolioNav />
      <p>{t('journey.intro')}</p>
      {isLoading || !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <p>{t('journey.none')}</p>
      ) : (
        <ol className="timeline">
          {data.items.map((item) => (
            <JourneyRow key={`${item.type}-${item.id}`} item={item} />
          ))}
        </ol>
      )}
      <section aria-labelledby="add-milestone" className="card">
        <h2 id="add-milestone">{t('journey.add')}</h2>
        <form className="inline-form" onSubmit={add}>
          <div className="field">
            <label htmlFor="milestone-kind">{t('journey.kindLabel')}</label>
            <select id="milestone-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              {MILESTONE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`journey.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <Field label={t('journey.titleLabel')} value={form.title} maxLength={200} required error={errors.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
          <Field label={t('journey.date')} type="date" value={form.occurredOn} required error={errors.occurredOn} onChange={(e) => setForm({ ...form, occurredOn: e.target.value })} />
          <Field label={t('journey.note')} value={form.note} maxLength={1000} error={errors.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
          <div>
            <button type="submit" className="button">
              {t('journey.add')}
            </button>
          </div>
        </form>
      </section>
    </section>
  );
}

function JourneyRow({ item }: { item: JourneyItem }) {
  const { t, i18n } = useTranslation('portfolio');
  const qc = useQueryClient();
  const label =
    item.type === 'milestone' && item.kind ? t(`journey.kind.${item.kind}`) : item.type === 'entry' && item.kind ? t(`kind.${item.kind}`) : t(`journey.type.${item.type}`);
  async function remove() {
    await api(`/portfolio/milestones/${item.id}`, { method: 'DELETE' });
    await qc.invalidateQueries({ queryKey: keys.all });
  }
  return (
    <li className={`timeline--${item.type}`}>
      <p className="muted">
        {formatDate(item.date, i18n.language)} · {label}
      </p>
      <p>
        <strong>{item.type === 'entry' ? <Link to={`/portfolio/ervaring/${item.id}`}>{item.title}</Link> : item.title}</strong>
      </p>
      {item.type === 'internship' && item.note && <p className="muted">{t('journey.until', { date: formatDate(item.note, i18n.language) })}</p>}
      {item.type === 'milestone' && item.note && <p>{item.note}</p>}
      {item.removable && (
        <button type="button" className="button button--quiet" onClick={() => void remove()}>
          {t('journey.remove', { title: item.title })}
        </button>
      )}
    </li>
  );
}
