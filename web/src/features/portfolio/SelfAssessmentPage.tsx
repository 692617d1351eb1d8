import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { COMPETENCES, keys, type Competence } from './api';
import { PortfolioNav } from './PortfolioNav';
import './portfolio.css';

const LEVELS = [1, 2, 3, 4, 5] as const;

/** The student rates the five competencies 1-5, each level with a plain-language descriptor. */
export default function SelfAssessmentPage() {
  const { t } = useTranslation('portfolio');
  const qc = useQueryClient();
  const [scores, setScores] = useState<Partial<Record<Competence, number>>>({});
  const [state, setState] = useState<'idle' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (COMPETENCES.some((c) => !scores[c])) {
      setError(t('assessment.missing'));
      return;
    }
    try {
      await api('/portfolio/self-assessments', { body: { scores } });
      setState('saved');
      setFieldErrors({});
      await qc.invalidateQueries({ queryKey: keys.all });
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFieldErrors(err.fields);
      } else setError(t('errors.generic'));
    }
  }

  return (
    <section className="page page--narrow">
      <h1>{t('assessment.title')}</h1>
      <PortfolioNav />
      <p>{t('assessment.intro')}</p>
      {error && <Alert>{error}</Alert>}
      {state === 'saved' && (
        <Alert kind="success">
          {t('assessment.saved')} <Link to="/portfolio/groei">{t('assessment.toGrowth')}</Link>
        </Alert>
      )}
      <form className="form" onSubmit={submit} noValidate>
        {COMPETENCES.map((c) => (
          <fieldset key={c} className="levels">
            <legend>{t(`competence.${c}`)}</legend>
            <p className="question">{t(`competenceQuestion.${c}`)}</p>
            {fieldErrors[`scores.${c}`] && <p className="field__error">{fieldErrors[`scores.${c}`]}</p>}
            {LEVELS.map((level) => (
              <label key={level} className="check">
                <input type="radio" name={c} value={level} checked={scores[c] === level} onChange={() => setScores((s) => ({ ...s, [c]: level }))} />
                <span>{t('assessment.level', { level, text: t(`assessment.levels.${level}`) })}</span>
              </label>
            ))}
          </fieldset>
        ))}
        <div>
          <button type="submit" className="button">
            {t('assessment.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
