import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { COMPETENCES, useGrowth, type Growth } from './api';
import { GrowthChart } from './GrowthChart';
import { PortfolioNav } from './PortfolioNav';
import './portfolio.css';

/** Growth: self-assessments over time, and how many entries each competence has. */
export default function GrowthPage() {
  const { t } = useTranslation('portfolio');
  const { data: me } = useMe();
  const { data, isLoading, error } = useGrowth(me?.id);
  return (
    <section className="page">
      <h1>{t('growth.title')}</h1>
      <PortfolioNav />
      {isLoading ? (
        <Loading />
      ) : error || !data ? (
        <Alert>{t('errors.generic')}</Alert>
      ) : (
        <>
          <p>{t('growth.intro')}</p>
          {data.assessments.length === 0 ? (
            <p>
              {t('growth.none')} <Link to="/portfolio/zelfbeoordeling">{t('growth.start')}</Link>
            </p>
          ) : (
            <GrowthChart growth={data} />
          )}
          <EntryCounts growth={data} />
        </>
      )}
    </section>
  );
}

/** Entries per competence as bars with their number in text; the least explored is pointed out. */
function EntryCounts({ growth }: { growth: Growth }) {
  const { t } = useTranslation('portfolio');
  const max = Math.max(1, ...COMPETENCES.map((c) => growth.entryCounts[c]));
  const min = Math.min(...COMPETENCES.map((c) => growth.entryCounts[c]));
  return (
    <section aria-labelledby="counts" className="card">
      <h2 id="counts">{t('growth.countsTitle')}</h2>
      <p>{t('growth.countsIntro')}</p>
      <ul className="bars">
        {COMPETENCES.map((c) => (
          <li key={c}>
            <strong>{t(`competence.${c}`)}</strong>: {t('growth.entries', { count: growth.entryCounts[c] })}
            <div className="bar-track" aria-hidden="true">
              <div className="bar" style={{ width: `${(growth.entryCounts[c] / max) * 100}%` }} />
            </div>
            {growth.entryCounts[c] === min && <p className="muted">{t('growth.underExplored')}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
