import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { ACTIVITY_KINDS, type Activity } from './api';
import './programme.css';

const COMPETENCES = ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'];
const DIMENSIONS = ['politiek_juridisch', 'economisch', 'sociaal_maatschappelijk', 'vitaal'];

/** A teacher or coordinator adds an activity to the catalogue; they become its organiser. */
export default function NewActivityPage() {
  const { t } = useTranslation('programme');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form, setForm] = useState({ kind: 'guest_lesson', title: '', date: '', start: '13:00', end: '15:00', location: '', capacity: '', description: '' });
  const [competencies, setCompetencies] = useState<string[]>([]);
  const [dimensions, setDimensions] = useState<string[]>([]);
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setForm({ ...form, [key]: e.target.value });
  const local = (date: string, time: string) => new Date(`${date}T${time}`).toISOString();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!form.date) return setErrors({ startsAt: t('newActivity.dateRequired') });
    try {
      const a = await api<Activity>('/lob/activities', {
        method: 'POST',
        body: {
          kind: form.kind,
          title: form.title,
          description: form.description,
          location: form.location,
          capacity: form.capacity ? Number(form.capacity) : null,
          competencies,
          dimensions,
          startsAt: local(form.date, form.start),
          endsAt: local(form.date, form.end),
        },
      });
      await qc.invalidateQueries({ queryKey: ['lob'] });
      navigate(`/lob/activiteiten/${a.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(err.fields);
        setError(err.message);
      } else setError(t('errors.generic'));
    }
  }

  return (
    <section className="page page--narrow">
      <h1>{t('newActivity.title')}</h1>
      {error && <Alert>{error}</Alert>}
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="kind">{t('newActivity.kind')}</label>
          <select id="kind" value={form.kind} onChange={set('kind')}>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <Field label={t('newActivity.name')} value={form.title} onChange={set('title')} error={errors.title} required />
        <Field label={t('newActivity.date')} type="date" value={form.date} onChange={set('date')} error={errors.startsAt} required />
        <Field label={t('newActivity.start')} type="time" value={form.start} onChange={set('start')} />
        <Field label={t('newActivity.end')} type="time" value={form.end} onChange={set('end')} error={errors.endsAt} />
        <Field label={t('newActivity.location')} value={form.location} onChange={set('location')} />
        <Field label={t('newActivity.capacity')} hint={t('newActivity.capacityHint')} type="number" min={1} value={form.capacity} onChange={set('capacity')} error={errors.capacity} />
        <fieldset className="field">
          <legend>{t('newActivity.addresses')}</legend>
          <p className="field__hint">{t('newActivity.addressesHint')}</p>
          <div className="check-grid">
            {COMPETENCES.map((k) => (
              <label key={k} className="check-row">
                <input type="checkbox" checked={competencies.includes(k)} onChange={() => setCompetencies(toggle(competencies, k))} /> {t(`competence.${k}`)}
              </label>
            ))}
            {DIMENSIONS.map((k) => (
              <label key={k} className="check-row">
                <input type="checkbox" checked={dimensions.includes(k)} onChange={() => setDimensions(toggle(dimensions, k))} /> {t(`dimension.${k}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="description">{t('newActivity.description')}</label>
          <textarea id="description" value={form.description} onChange={set('description')} />
        </div>
        <button type="submit" className="button">
          {t('newActivity.save')}
        </button>
      </form>
    </section>
  );
}
