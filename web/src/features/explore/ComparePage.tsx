import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { TableWrap } from '../../ui/TableWrap';
import type { Occupation, ProgrammeDetail } from './api';
import { ExploreNav } from './ExploreNav';
import { programmeLabel } from './ExplorePage';
import { FigureTable } from './Figures';
import './explore.css';

const ids = (v: string | null) => (v ?? '').split(',').filter((x) => /^[0-9a-f-]{36}$/.test(x)).slice(0, 3);

/** Two or three programmes (national figures) or occupations side by side. */
export default function ComparePage() {
  const { t } = useTranslation('explore');
  const [params] = useSearchParams();
  const programmeIds = ids(params.get('opleidingen'));
  const occupationIds = ids(params.get('beroepen'));
  const programmes = useQueries({ queries: programmeIds.map((id) => ({ queryKey: ['explore', 'programme', id], queryFn: () => api<ProgrammeDetail>(`/public/programmes/${id}`) })) });
  const occupations = useQueries({ queries: occupationIds.map((id) => ({ queryKey: ['explore', 'occupation', id, ''], queryFn: () => api<Occupation>(`/public/occupations/${id}`) })) });
  const all = [...programmes, ...occupations];
  return (
    <section className="page">
      <h1>{t('compare.title')}</h1>
      <ExploreNav />
      {all.length < 2 ? (
        <p>
          {t('compare.pick')} <Link to="/verkennen">{t('nav.programmes')}</Link>
        </p>
      ) : all.some((q) => q.isLoading) ? (
        <Loading />
      ) : all.some((q) => q.error) ? (
        <Alert>{t('error')}</Alert>
      ) : programmeIds.length > 0 ? (
        <ProgrammeComparison items={programmes.map((q) => q.data!)} />
      ) : (
        <OccupationComparison items={occupations.map((q) => q.data!)} />
      )}
    </section>
  );
}

function ProgrammeComparison({ items }: { items: ProgrammeDetail[] }) {
  const { t } = useTranslation('explore');
  return (
    <>
      <TableWrap labelledBy="compare-facts">
        <table className="explore-table">
          <caption id="compare-facts">{t('compare.facts')}</caption>
          <thead>
            <tr>
              <td />
              {items.map((p) => (
                <th scope="col" key={p.id}>
                  <Link to={`/verkennen/opleidingen/${p.id}`}>{p.name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('compare.what')}</th>
              {items.map((p) => <td key={p.id}>{programmeLabel(p, t)}</td>)}
            </tr>
            <tr>
              <th scope="row">{t('programmes.where')}</th>
              {items.map((p) => <td key={p.id}>{p.institutions.map((i) => i.name).join(', ') || '–'}</td>)}
            </tr>
            <tr>
              <th scope="row">{t('programmes.occupations')}</th>
              {items.map((p) => <td key={p.id}>{p.occupations.map((o) => o.name).join(', ') || '–'}</td>)}
            </tr>
          </tbody>
        </table>
      </TableWrap>
      <FigureTable id="compare-figures" caption={t('compare.figures')} columns={items.map((p) => ({ label: p.name, figures: p.national }))} />
    </>
  );
}

function OccupationComparison({ items }: { items: Occupation[] }) {
  const { t } = useTranslation('explore');
  const rows: [string, (o: Occupation) => string][] = [
    [t('occupations.sector'), (o) => o.sector],
    [t('occupations.tasks'), (o) => o.tasks.join('; ')],
    [t('occupations.competencies'), (o) => o.competencies.join('; ')],
    [t('occupations.earnings'), (o) => (o.earnings ? `€ ${o.earnings.low ?? '–'} – € ${o.earnings.high ?? '–'}` : '–')],
    [t('occupations.programmes'), (o) => o.programmes.map((p) => p.name).join(', ') || '–'],
  ];
  return (
    <TableWrap labelledBy="compare-occupations">
      <table className="explore-table">
        <caption id="compare-occupations">{t('compare.facts')}</caption>
        <thead>
          <tr>
            <td />
            {items.map((o) => (
              <th scope="col" key={o.id}>
                <Link to={`/verkennen/beroepen/${o.id}`}>{o.name}</Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {items.map((o) => <td key={o.id}>{value(o)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
