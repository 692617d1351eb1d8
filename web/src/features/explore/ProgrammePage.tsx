import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { hasRole, useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { recordView, useProgramme } from './api';
import { ExploreNav } from './ExploreNav';
import { programmeLabel } from './ExplorePage';
import { FigureTable } from './Figures';
import { LinkToEntry } from './LinkToEntry';
import './explore.css';

/** One programme: Studie in Cijfers per institution beside the national figure, with each school's explanation. */
export default function ProgrammePage() {
  const { t } = useTranslation('explore');
  const { id } = useParams();
  const { data: me } = useMe();
  const { data: p, isLoading, error } = useProgramme(id);
  const student = hasRole(me, 'student');
  useEffect(() => {
    if (student && p) void recordView('programme', p.id);
  }, [student, p?.id]);
  if (isLoading) return <Loading />;
  if (error || !p) {
    return (
      <section className="page">
        <h1>{t('programmes.notFound')}</h1>
        <Alert>{t('error')}</Alert>
      </section>
    );
  }
  return (
    <section className="page">
      <h1>{p.name}</h1>
      <p className="muted">
        {programmeLabel(p, t)} · {p.sector}
        {p.demo && ` · ${t('demo')}`}
      </p>
      <ExploreNav />
      {p.description && <p className="lead">{p.description}</p>}
      <h2 id="figures-title">{t('figures.title')}</h2>
      <p>{t('figures.explain', { min: p.minStudents })}</p>
      <FigureTable
        id="figures-caption"
        caption={t('figures.caption', { name: p.name })}
        columns={[{ label: t('programmes.national'), figures: p.national }, ...p.perInstitution.map((i) => ({ label: i.institution.name, figures: i.figures }))]}
      />
      {p.perInstitution.length > 0 && (
        <>
          <h2>{t('programmes.where')}</h2>
          <ul className="explore-cards">
            {p.perInstitution.map((i) => (
              <li key={i.institution.id} className="card">
                <h3>{i.institution.name}</h3>
                {(i.pathways.length > 0 || i.cities.length > 0) && <p className="muted">{[i.pathways.join(', '), i.cities.join(', ')].filter(Boolean).join(' · ')}</p>}
                {i.explanation ? (
                  <>
                    <h4>{t('programmes.explanation', { year: i.explanation.year })}</h4>
                    <p>{i.explanation.body}</p>
                  </>
                ) : (
                  <p className="muted">{t('programmes.noExplanation')}</p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {p.followOns.length > 0 && <RefList title={t('programmes.followOns')} items={p.followOns} />}
      {p.leadsFrom.length > 0 && <RefList title={t('programmes.leadsFrom')} items={p.leadsFrom} />}
      {p.occupations.length > 0 && (
        <>
          <h2>{t('programmes.occupations')}</h2>
          <ul className="list">
            {p.occupations.map((o) => (
              <li key={o.id}>
                <Link to={`/verkennen/beroepen/${o.id}`}>{o.name}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {student && <LinkToEntry target={{ programmeId: p.id }} name={p.name} />}
    </section>
  );
}

function RefList({ title, items }: { title: string; items: { id: string; name: string }[] }) {
  return (
    <>
      <h2>{title}</h2>
      <ul className="list">
        {items.map((x) => (
          <li key={x.id}>
            <Link to={`/verkennen/opleidingen/${x.id}`}>{x.name}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
