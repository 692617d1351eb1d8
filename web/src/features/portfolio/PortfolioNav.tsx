import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

const SECTIONS = [
  { path: '/portfolio', key: 'entries' },
  { path: '/portfolio/zelfbeoordeling', key: 'selfAssessment' },
  { path: '/portfolio/groei', key: 'growth' },
  { path: '/portfolio/plan', key: 'plan' },
  { path: '/portfolio/netwerk', key: 'network' },
  { path: '/portfolio/reis', key: 'journey' },
] as const;

/** The parts of the LOBbook as a wrapping row of links: no sideways scrolling on a phone. */
export function PortfolioNav() {
  const { t } = useTranslation('portfolio');
  return (
    <nav aria-label={t('sections.label')} className="subnav">
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.path}>
            <NavLink to={s.path} end>
              {t(`sections.${s.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
