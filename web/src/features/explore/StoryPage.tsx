import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useOwnAlumnus, useSaveAlumnus } from './api';
import { ExploreNav } from './ExploreNav';

/** The alumnus writes a short story and chooses whether students may write to them and whether they are a buddy. */
export default function StoryPage() {
  const { t } = useTranslation('explore');
  const { data, isLoading } = useOwnAlumnus();
  const save = useSaveAlumnus();
  const [form, setForm] = useState({ route: '', workNow: '', tips: '', contactAllowed: false, buddy: false, consent: false });
  useEffect(() => {
    if (data) setForm({ route: data.route, workNow: data.workNow, tips: data.tips, contactAllowed: data.contactAllowed, buddy: data.buddy, consent: true });
  }, [data]);
  if (isLoading) return <Loading />;
  const fields = save.error instanceof ApiError ? save.error.fields : {};
  const text = (key: 'route' | 'workNow' | 'tips') => (
    <div className={`field${fields[key] ? ' field--error' : ''}`}>
      <label htmlFor={`story-${key}`}>{t(`story.${key}`)}</label>
      <textarea id={`story-${key}`} rows={3} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </div>
  );
  const box = (key: 'contactAllowed' | 'buddy' | 'consent') => (
    <div className="checkbox-row">
      <input type="checkbox" id={`story-${key}`} checked={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.checked })} />
      <label htmlFor={`story-${key}`}>{t(`story.${key}`)}</label>
    </div>
  );
  return (
    <section className="page page--narrow">
      <h1>{t('story.title')}</h1>
      <ExploreNav />
      <p className="lead">{t('story.intro')}</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ ...form, programmeId: data?.programme?.id ?? null, occupationId: data?.occupation?.id ?? null });
        }}
      >
        {text('route')}
        {text('workNow')}
        {text('tips')}
        {box('contactAllowed')}
        {box('buddy')}
        <p className="muted">{data?.consentText ?? t('story.consentText')}</p>
        {box('consent')}
        {fields.consent && <Alert>{fields.consent}</Alert>}
        <button type="submit" className="button">
          {t('story.save')}
        </button>
        {save.isSuccess && <Alert kind="success">{t('story.saved')}</Alert>}
      </form>
      <Field label={t('story.consentAt')} value={data?.consentAt ? new Date(data.consentAt).toLocaleString('nl-NL') : '–'} readOnly />
    </section>
  );
}
