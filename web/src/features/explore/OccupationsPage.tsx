import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { useOccupations } from './api';
import { ExploreNav } from './ExploreNav';
import { RegionSelect } from './RegionSelect';
import './explore.css';

/** Occupations (beroepen), open to everyone: what the work is, and the prospects in a chosen region. */
export default function OccupationsPage() {
  const { t } = useTranslation('explore');
  const [q, setQ] = useState('');
  const [region, setRegion] = useState('AMR-13');
  const { data, isLoading, error } = useOccupations(q, region);
  const [chosen, setChosen] = useState<string[]>([]);
  const navigate = useNavigate();
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : c.length < 3 ? [...c, id] : c));
  return (
    <section className="page">
      <h1>{t('occupations.title')}</h1>
      <p className="lead">{t('occupations.intro')}</p>
      <ExploreNav />
      <form className="explore-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="occupation-q">{t('occupations.search')}</label>
          <input id="occupation-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('occupations.searchHint')} />
        </div>
        <RegionSelect value={region} onChange={setRegion} />
      </form>
      <div className="explore-compare-bar" aria-live="polite">
        <p>{t('compare.occupationsChosen', { count: chosen.length })}</p>
        <button type="button" className="button" disabled={chosen.length < 2} onClick={() => navigate(`/verkennen/vergelijken?beroepen=${chosen.join(',')}`)}>
          {t('compare.button')}
        </button>
      </div>
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('error')}</Alert>
      ) : data!.items.length === 0 ? (
        <p>{t('occupations.none')}</p>
      ) : (
        <ul className="explore-cards" aria-live="polite">
          {data!.items.map((o) => (
            <li key={o.id} className="card">
              <h2 className="explore-card__title">
                <Link to={`/verkennen/beroepen/${o.id}`}>{o.name}</Link>
              </h2>
              <p className="muted">
                {o.sector}
                {o.demo && ` · ${t('demo')}`}
              </p>
              <p>{o.description}</p>
              {o.prospects[0] && (
                <p>
                  <span className={`explore-outlook explore-outlook--${o.prospects[0].outlook}`}>{t(`outlook.${o.prospects[0].outlook}`)}</span>{' '}
                  <span className="muted">{o.prospects[0].region.name}</span>
                </p>
              )}
              <div className="checkbox-row">
                <input type="checkbox" id={`compare-${o.id}`} checked={chosen.includes(o.id)} onChange={() => toggle(o.id)} disabled={!chosen.includes(o.id) && chosen.length >= 3} />
                <label htmlFor={`compare-${o.id}`}>{t('compare.add', { name: o.name })}</label>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
