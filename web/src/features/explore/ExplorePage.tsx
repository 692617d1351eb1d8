import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { useProgrammes, type ProgrammeSummary } from './api';
import { ExploreNav } from './ExploreNav';
import { FigureValue } from './Figures';
import './explore.css';

/** Verkennen, open to everyone: search programmes, see their national figures, pick two or three to compare. */
export default function ExplorePage() {
  const { t } = useTranslation('explore');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const navigate = useNavigate();
  const { data, isLoading, error } = useProgrammes(q, kind);
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : c.length < 3 ? [...c, id] : c));
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <ExploreNav />
      <form className="explore-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="programme-q">{t('programmes.search')}</label>
          <input id="programme-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('programmes.searchHint')} />
        </div>
        <div className="field">
          <label htmlFor="programme-kind">{t('programmes.kind')}</label>
          <select id="programme-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('programmes.allKinds')}</option>
            <option value="mbo">mbo</option>
            <option value="hbo">hbo</option>
          </select>
        </div>
      </form>
      <div className="explore-compare-bar" aria-live="polite">
        <p>{t('compare.chosen', { count: chosen.length })}</p>
        <button type="button" className="button" disabled={chosen.length < 2} onClick={() => navigate(`/verkennen/vergelijken?opleidingen=${chosen.join(',')}`)}>
          {t('compare.button')}
        </button>
      </div>
      {isLoading ? (
        <Loading />
      ) : error ? (
        <Alert>{t('error')}</Alert>
      ) : data!.items.length === 0 ? (
        <p>{t('programmes.none')}</p>
      ) : (
        <ul className="explore-cards">
          {data!.items.map((p) => (
            <ProgrammeCard key={p.id} p={p} chosen={chosen.includes(p.id)} onToggle={() => toggle(p.id)} disabled={!chosen.includes(p.id) && chosen.length >= 3} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ProgrammeCard({ p, chosen, onToggle, disabled }: { p: ProgrammeSummary; chosen: boolean; onToggle: () => void; disabled: boolean }) {
  const { t } = useTranslation('explore');
  const pass = p.national.find((f) => f.indicator === 'pass_rate');
  const work = p.national.find((f) => f.indicator === 'work_in_field');
  return (
    <li className="card">
      <h2 className="explore-card__title">
        <Link to={`/verkennen/opleidingen/${p.id}`}>{p.name}</Link>
      </h2>
      <p className="muted">
        {programmeLabel(p, t)} · {p.sector}
        {p.demo && ` · ${t('demo')}`}
      </p>
      {p.institutions.length > 0 && <p>{t('programmes.offeredBy', { names: p.institutions.map((i) => i.name).join(', ') })}</p>}
      {(pass || work) && (
        <dl className="facts">
          {pass && (
            <>
              <dt>{t('indicators.pass_rate')}</dt>
              <dd>
                <FigureValue figure={pass} /> <span className="muted">({t('programmes.national')})</span>
              </dd>
            </>
          )}
          {work && (
            <>
              <dt>{t('indicators.work_in_field')}</dt>
              <dd>
                <FigureValue figure={work} /> <span className="muted">({t('programmes.national')})</span>
              </dd>
            </>
          )}
        </dl>
      )}
      <div className="checkbox-row">
        <input type="checkbox" id={`compare-${p.id}`} checked={chosen} onChange={onToggle} disabled={disabled} />
        <label htmlFor={`compare-${p.id}`}>{t('compare.add', { name: p.name })}</label>
      </div>
    </li>
  );
}

export function programmeLabel(p: { kind: 'mbo' | 'hbo'; code: string; level: number | null; hboType?: 'ad' | 'bachelor' | null }, t: (k: string, o?: any) => string) {
  return p.kind === 'mbo' ? t('programmes.mboLabel', { level: p.level, code: p.code }) : t('programmes.hboLabel', { type: p.hboType ? t(`hboType.${p.hboType}`) : 'hbo', code: p.code });
}
