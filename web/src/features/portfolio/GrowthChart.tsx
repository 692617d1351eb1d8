import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPETENCES, type Competence, type Growth } from './api';

const numericDate = (iso: string, language: string) =>
  new Date(iso).toLocaleDateString(language === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'numeric', year: 'numeric' });

/** One colour and one marker shape per competence, so the lines differ without colour too. */
export const SERIES: Record<Competence, { color: string; shape: 'circle' | 'square' | 'triangle' | 'diamond' | 'cross'; dash: string }> = {
  kwaliteiten: { color: '#0b5563', shape: 'circle', dash: '' },
  motieven: { color: '#b8470b', shape: 'square', dash: '6 3' },
  werkexploratie: { color: '#5b3a8c', shape: 'triangle', dash: '2 3' },
  loopbaansturing: { color: '#1e6b2f', shape: 'diamond', dash: '10 4' },
  netwerken: { color: '#8a1c4a', shape: 'cross', dash: '4 2 1 2' },
};

export function Marker({ shape, x, y, color }: { shape: (typeof SERIES)[Competence]['shape']; x: number; y: number; color: string }) {
  const s = 5;
  switch (shape) {
    case 'circle':
      return <circle cx={x} cy={y} r={s} fill={color} />;
    case 'square':
      return <rect x={x - s} y={y - s} width={s * 2} height={s * 2} fill={color} />;
    case 'triangle':
      return <polygon points={`${x},${y - s - 1} ${x + s + 1},${y + s} ${x - s - 1},${y + s}`} fill={color} />;
    case 'diamond':
      return <polygon points={`${x},${y - s - 1} ${x + s + 1},${y} ${x},${y + s + 1} ${x - s - 1},${y}`} fill={color} />;
    default:
      return <path d={`M${x - s} ${y - s}L${x + s} ${y + s}M${x + s} ${y - s}L${x - s} ${y + s}`} stroke={color} strokeWidth={3} />;
  }
}

/**
 * Self-assessments over time as an inline SVG line chart (no chart library): x is the moment,
 * y the score 1-5. It is an image for assistive technology, with the table as its text version.
 */
export function GrowthChart({ growth }: { growth: Growth }) {
  const { t, i18n } = useTranslation('portfolio');
  const id = useId();
  // Drawn for a phone first: at 360 px the 14 px labels stay readable.
  const width = 400;
  const height = 260;
  const pad = { left: 30, right: 30, top: 14, bottom: 36 };
  const n = growth.assessments.length;
  const x = (i: number) => pad.left + (n <= 1 ? (width - pad.left - pad.right) / 2 : (i * (width - pad.left - pad.right)) / (n - 1));
  const y = (score: number) => pad.top + ((5 - score) * (height - pad.top - pad.bottom)) / 4;
  const shortDate = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { month: 'short', year: '2-digit' });

  return (
    <figure className="growth">
      <svg className="growth-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t('growth.chartTitle')}</title>
        <desc id={`${id}-desc`}>{t('growth.chartDesc', { count: n })}</desc>
        {[1, 2, 3, 4, 5].map((s) => (
          <g key={s}>
            <line x1={pad.left} x2={width - pad.right} y1={y(s)} y2={y(s)} stroke="#c4ccd1" />
            <text x={pad.left - 10} y={y(s) + 5} textAnchor="end" fontSize="14" fill="#1c2428">
              {s}
            </text>
          </g>
        ))}
        {growth.assessments.map((a, i) => (
          <text key={a.id} x={x(i)} y={height - 14} textAnchor="middle" fontSize="13" fill="#1c2428">
            {shortDate(a.assessedAt)}
          </text>
        ))}
        {COMPETENCES.map((c) => {
          const { color, shape, dash } = SERIES[c];
          const points = growth.assessments.map((a, i) => `${x(i)},${y(a.scores[c])}`).join(' ');
          return (
            <g key={c}>
              <polyline points={points} fill="none" stroke={color} strokeWidth={3} strokeDasharray={dash} />
              {growth.assessments.map((a, i) => (
                <Marker key={a.id} shape={shape} x={x(i)} y={y(a.scores[c])} color={color} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          {COMPETENCES.map((c) => (
            <li key={c}>
              <svg width="34" height="14" aria-hidden="true" focusable="false">
                <line x1="2" x2="32" y1="7" y2="7" stroke={SERIES[c].color} strokeWidth="3" strokeDasharray={SERIES[c].dash} />
                <Marker shape={SERIES[c].shape} x={17} y={7} color={SERIES[c].color} />
              </svg>
              {t(`competence.${c}`)}
            </li>
          ))}
        </ul>
      </figcaption>
      <div className="table-wrap" role="region" aria-label={t('growth.tableRegion')} tabIndex={0}>
        <table className="growth-table">
          <caption>{t('growth.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('growth.date')}</th>
              {COMPETENCES.map((c) => (
                <th key={c} scope="col">
                  {t(`competence.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {growth.assessments.map((a) => (
              <tr key={a.id}>
                <th scope="row">{numericDate(a.assessedAt, i18n.language)}</th>
                {COMPETENCES.map((c) => (
                  <td key={c}>{a.scores[c]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
