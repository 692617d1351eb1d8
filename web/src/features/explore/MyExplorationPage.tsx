import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { useSuggestions } from './api';
import { ExploreNav } from './ExploreNav';
import { ExplorationSummary } from './StudentExploreSection';
import { BuddyCard } from './AlumniPage';
import './explore.css';

const linkTo = (kind: string, id: string) => (kind === 'programme' ? `/verkennen/opleidingen/${id}` : kind === 'occupation' ? `/verkennen/beroepen/${id}` : '/verkennen/activiteiten');

/** The student's own Verkennen: suggestions that say why, what they looked at and linked, and their buddy. */
export default function MyExplorationPage() {
  const { t } = useTranslation('explore');
  const { data: me } = useMe();
  const { data, isLoading, error } = useSuggestions();
  return (
    <section className="page">
      <h1>{t('mine.title')}</h1>
      <ExploreNav />
      <h2>{t('mine.suggestions')}</h2>
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('error')}</Alert>
      ) : data!.items.length === 0 ? (
        <p>
          {t('mine.noSuggestions')} <Link to="/portfolio/zelfbeoordeling">{t('mine.selfAssessment')}</Link>
        </p>
      ) : (
        <ul className="explore-cards">
          {data!.items.map((s) => (
            <li key={s.id} className="card">
              <h3 className="explore-card__title">
                <Link to={linkTo(s.kind, s.id)}>{s.name}</Link>
              </h3>
              <p className="muted">{t(`mine.kind.${s.kind}`)}</p>
              <p>
                <strong>{t('mine.why')}</strong> {s.because}
              </p>
            </li>
          ))}
        </ul>
      )}
      {!data?.basis.selfAssessmentAt && !isLoading && (
        <p>
          <Link to="/portfolio/zelfbeoordeling">{t('mine.selfAssessment')}</Link>
        </p>
      )}
      <BuddyCard />
      {me && <ExplorationSummary studentId={me.id} />}
    </section>
  );
}
