import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { hasRole, useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { TableWrap } from '../../ui/TableWrap';
import { formatDate } from '../../ui/format';
import { recordView, useOccupation } from './api';
import { ExploreNav } from './ExploreNav';
import { LinkToEntry } from './LinkToEntry';
import { RegionSelect } from './RegionSelect';
import './explore.css';

/** One occupation: the work, its tasks and competencies, earnings, prospects per region and the programmes that lead there. */
export default function OccupationPage() {
  const { t, i18n } = useTranslation('explore');
  const { id } = useParams();
  const [region, setRegion] = useState('');
  const { data: me } = useMe();
  const { data: o, isLoading, error } = useOccupation(id, region);
  const student = hasRole(me, 'student');
  useEffect(() => {
    if (student && id) void recordView('occupation', id);
  }, [student, id]);
  if (isLoading) return <Loading />;
  if (error || !o) {
    return (
      <section className="page">
        <h1>{t('occupations.notFound')}</h1>
        <Alert>{t('error')}</Alert>
      </section>
    );
  }
  const euro = (n: number | null) => (n === null ? '–' : n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }));
  return (
    <section className="page">
      <h1>{o.name}</h1>
      <p className="muted">
        {o.sector}
        {o.isco && ` · ISCO ${o.isco}`}
        {o.escoUri && (
          <>
            {' · '}
            <a href={o.escoUri}>ESCO</a>
          </>
        )}
        {o.demo && ` · ${t('demo')}`}
      </p>
      <ExploreNav />
      <p className="lead">{o.description}</p>
      <div className="grid">
        <section className="card" aria-labelledby="tasks">
          <h2 id="tasks">{t('occupations.tasks')}</h2>
          <ul className="list">{o.tasks.map((x) => <li key={x}>{x}</li>)}</ul>
        </section>
        <section className="card" aria-labelledby="competencies">
          <h2 id="competencies">{t('occupations.competencies')}</h2>
          <ul className="list">{o.competencies.map((x) => <li key={x}>{x}</li>)}</ul>
        </section>
      </div>
      {o.earnings && (
        <>
          <h2>{t('occupations.earnings')}</h2>
          <p>
            {t('occupations.earningsRange', { low: euro(o.earnings.low), high: euro(o.earnings.high) })}{' '}
            <span className="muted">{t('figures.sourceYear', { source: o.earnings.source, year: o.earnings.year ?? '' })}</span>
          </p>
        </>
      )}
      <h2 id="prospects-title">{t('occupations.prospects')}</h2>
      <RegionSelect value={region} onChange={setRegion} />
      {o.prospects.length === 0 ? (
        <p className="muted">{t('occupations.noProspects')}</p>
      ) : (
        <TableWrap labelledBy="prospects-caption">
          <table className="explore-table">
            <caption id="prospects-caption">{t('occupations.prospectsCaption', { name: o.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('occupations.region')}</th>
                <th scope="col">{t('occupations.outlook')}</th>
                <th scope="col">{t('occupations.source')}</th>
              </tr>
            </thead>
            <tbody>
              {o.prospects.map((p) => (
                <tr key={p.region.id}>
                  <th scope="row">{p.region.name}</th>
                  <td>
                    <span className={`explore-outlook explore-outlook--${p.outlook}`}>{t(`outlook.${p.outlook}`)}</span>
                  </td>
                  <td className="muted">
                    {p.source}, {formatDate(p.asOf, i18n.language)}
                    {p.demo && ` · ${t('demo')}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {o.programmes.length > 0 && (
        <>
          <h2>{t('occupations.programmes')}</h2>
          <ul className="list">
            {o.programmes.map((p) => (
              <li key={p.id}>
                <Link to={`/verkennen/opleidingen/${p.id}`}>{p.name}</Link> <span className="muted">({p.kind === 'mbo' ? t('programmes.level', { level: p.level }) : 'hbo'})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {student && (
        <>
          <LinkToEntry target={{ occupationId: o.id }} name={o.name} />
          <p>
            <Link to={`/verkennen/oud-studenten?beroep=${o.id}`}>{t('alumni.findFor', { name: o.name })}</Link>
          </p>
        </>
      )}
    </section>
  );
}
