import { useTranslation } from 'react-i18next';
import { TableWrap } from '../../ui/TableWrap';
import { INDICATORS, type Figure, type Indicator } from './api';

/** A figure as people read it: 71%, 7,1 or € 1.950; suppressed figures say why they are missing. */
export function FigureValue({ figure }: { figure: Figure | undefined }) {
  const { t, i18n } = useTranslation('explore');
  if (!figure) return <span className="muted">{t('figures.none')}</span>;
  if (figure.suppressed || figure.value === null) return <span className="muted">{t('figures.suppressed')}</span>;
  const locale = i18n.language === 'en' ? 'en-GB' : 'nl-NL';
  const text =
    figure.unit === 'percent'
      ? `${figure.value.toLocaleString(locale)}%`
      : figure.unit === 'euro'
        ? figure.value.toLocaleString(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
        : figure.value.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return <strong>{text}</strong>;
}

export function FigureSource({ figure }: { figure: Figure | undefined }) {
  const { t } = useTranslation('explore');
  if (!figure) return null;
  return (
    <span className="muted explore-source">
      {t('figures.sourceYear', { source: figure.source, year: figure.year })}
      {figure.students !== null && ` · ${t('figures.students', { count: figure.students })}`}
      {figure.demo && ` · ${t('demo')}`}
    </span>
  );
}

/** Indicators as rows, one column per source of figures (national, each institution). */
export function FigureTable({ id, caption, columns, indicators = INDICATORS }: { id: string; caption: string; columns: { label: string; figures: Figure[] }[]; indicators?: Indicator[] }) {
  const { t } = useTranslation('explore');
  const shown = indicators.filter((i) => columns.some((c) => c.figures.some((f) => f.indicator === i)));
  if (shown.length === 0) return <p className="muted">{t('figures.noneYet')}</p>;
  return (
    <TableWrap labelledBy={id}>
      <table className="explore-table">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('figures.indicator')}</th>
            {columns.map((c) => (
              <th scope="col" key={c.label}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((indicator) => (
            <tr key={indicator}>
              <th scope="row">{t(`indicators.${indicator}`)}</th>
              {columns.map((c) => {
                const f = c.figures.find((x) => x.indicator === indicator);
                return (
                  <td key={c.label}>
                    <FigureValue figure={f} />
                    <br />
                    <FigureSource figure={f} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
