import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../ui/Loading';
import { SelectField } from '../../ui/Field';
import { TableWrap } from '../../ui/TableWrap';
import { DIMENSIONS, useDropout, type DropoutCell } from './api';
import './region.css';

/**
 * Early leaving in the region: by institution, opleiding, level, month after the start or
 * reason, with the share back in school, work or care within 3 and 6 months. Groups under 10
 * are not shown (the server hides them); the CSV export hides them the same way.
 */
export default function DropoutPage() {
  const { t } = useTranslation('region');
  const [by, setBy] = useState<string>('programme');
  const query = new URLSearchParams({ by }).toString();
  const { data, isLoading } = useDropout(query);
  const label = (value: string) => {
    if (value === '') return t('dropout.unknown');
    if (by === 'reason') return t(`reason.${value}`);
    if (by === 'level') return t('detail.level', { level: value });
    if (by === 'month') return t('dropout.month', { month: value });
    return value;
  };
  return (
    <section className="page">
      <h1>{t('dropout.title')}</h1>
      <p>{t('dropout.intro', { min: data?.minCell ?? 10 })}</p>
      <div className="filters">
        <SelectField label={t('dropout.by')} value={by} onChange={(e) => setBy(e.target.value)} options={DIMENSIONS.map((d) => ({ value: d, label: t(`dropout.dimension.${d}`) }))} />
      </div>
      {isLoading || !data ? (
        <Loading />
      ) : (
        <>
          <p className="muted">{t('dropout.period', { from: data.from, to: data.to })}</p>
          <h2 id="dropout-table">{t('dropout.tableTitle', { by: t(`dropout.dimension.${by}`) })}</h2>
          <TableWrap labelledBy="dropout-table">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(`dropout.dimension.${by}`)}</th>
                  <th scope="col">{t('dropout.n')}</th>
                  <th scope="col">{t('dropout.placed3m')}</th>
                  <th scope="col">{t('dropout.placed6m')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <Row key={c.value} label={label(c.value)} c={c} />
                ))}
                {data.total && <Row label={t('dropout.total')} c={data.total} />}
              </tbody>
            </table>
          </TableWrap>
          <p>
            <a className="button button--secondary" href={`/api/v1/region/dropout.csv?${query}`} download>
              {t('dropout.csv')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

function Row({ label, c }: { label: string; c: DropoutCell }) {
  const { t } = useTranslation('region');
  const pct = (v: number | null) => (v === null ? t('dropout.notShown') : `${Math.round(v)}%`);
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{c.suppressed ? t('dropout.suppressed') : c.n}</td>
      <td>{c.suppressed ? '–' : pct(c.pct3m)}</td>
      <td>{c.suppressed ? '–' : pct(c.pct6m)}</td>
    </tr>
  );
}
