import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { hasRole, useMe, type Me } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { TableWrap } from '../../ui/TableWrap';
import { IndicatorChart, type Series } from './IndicatorChart';
import { useIndicators, type Indicator, type Indicators, type Level } from './api';
import './monitor.css';

/**
 * The LOB monitor: the indicators of the reader's team, opleiding, group, institution or region,
 * each chart with its table, compared with the institution and the nation, with a plain
 * explanation of every indicator. Figures come from the hourly rollup; cells about fewer than
 * 10 students are hidden by the server.
 */
const CHARTS: { key: string; match: (code: string) => boolean; max?: number }[] = [
  { key: 'shares', match: (c) => ['conversation_share', 'activity_participation', 'entries_three_aspects', 'lob_met', 'lob_open', 'lob_missed', 'kwaliteitskaart_done'].includes(c), max: 100 },
  { key: 'transitions', match: (c) => ['warm_handover', 'started_after_transfer', 'early_leaving', 'replaced_within_6_months'].includes(c), max: 100 },
  { key: 'perStudent', match: (c) => c === 'conversations_per_student' || c.startsWith('entries_per_student') },
  { key: 'activities', match: (c) => c.startsWith('activity_participation.'), max: 100 },
  { key: 'growth', match: (c) => c.startsWith('competence_growth') || c === 'satisfaction' },
  { key: 'cohorts', match: (c) => /^lob_(met|open|missed)\./.test(c), max: 100 },
];
const COLORS = ['#005a8c', '#8a5a00', '#4b4b4b'];

function levelsFor(me: Me | null | undefined): Level[] {
  if (hasRole(me, 'lob_coordinator', 'institution_admin')) return ['institution', 'team', 'region', 'nation'];
  if (hasRole(me, 'manager')) return ['team', 'institution', 'region', 'nation'];
  return ['region', 'nation'];
}

export default function MonitorPage() {
  const { t } = useTranslation('monitor');
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const levels = levelsFor(me);
  const level = (params.get('niveau') as Level | null) ?? levels[0];
  const id = params.get('id');
  const year = params.get('jaar') ?? undefined;
  const main = useIndicators(level, id, year);
  const seesInstitution = hasRole(me, 'lob_coordinator', 'institution_admin', 'manager');
  const institution = useIndicators('institution', null, year, seesInstitution && level !== 'institution' && level !== 'region' && level !== 'nation');
  const nation = useIndicators('nation', null, year, level !== 'nation');
  const choose = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) (v ? p.set(k, v) : p.delete(k));
    setParams(p);
  };
  const comparisons = [
    ...(institution.data ? [{ label: t('compare.institution', { name: institution.data.name }), data: institution.data }] : []),
    ...(nation.data ? [{ label: t('compare.nation'), data: nation.data }] : []),
  ];
  return (
    <section className="page monitor">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <div className="monitor-controls">
        <div className="field">
          <label htmlFor="monitor-level">{t('level.label')}</label>
          <select id="monitor-level" value={level} onChange={(e) => choose({ niveau: e.target.value, id: null })}>
            {levels.map((l) => (
              <option key={l} value={l}>
                {t(`level.${l}`)}
              </option>
            ))}
          </select>
        </div>
        {main.data && main.data.schoolYears.length > 0 && (
          <div className="field">
            <label htmlFor="monitor-year">{t('schoolYear')}</label>
            <select id="monitor-year" value={main.data.schoolYear} onChange={(e) => choose({ jaar: e.target.value })}>
              {[...new Set([...main.data.schoolYears, main.data.schoolYear])].sort().map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {main.isLoading ? (
        <Loading />
      ) : main.error ? (
        <Alert>{(main.error as { status?: number }).status === 404 ? t('errors.noScope') : (main.error as { status?: number }).status === 403 ? t('errors.forbidden') : t('errors.generic')}</Alert>
      ) : (
        <Dashboard data={main.data!} comparisons={comparisons} onOpen={(l, i) => choose({ niveau: l, id: i })} />
      )}
      {hasRole(me, 'lob_coordinator', 'institution_admin') && <CoordinatorTools admin={hasRole(me, 'institution_admin')} />}
    </section>
  );
}

function useFormat() {
  const { t, i18n } = useTranslation('monitor');
  const nf = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 2 });
  return (item: Indicator | undefined) => {
    if (!item) return t('none');
    if (item.suppressed) return t('suppressed');
    if (item.value === null) return t('none');
    return isShare(item.code) ? `${nf.format(item.value)} %` : nf.format(item.value);
  };
}
const isShare = (code: string) => /^(conversation_share|activity_participation|entries_three_aspects|lob_met|lob_open|lob_missed|kwaliteitskaart_done|warm_handover|started_after_transfer|early_leaving|replaced_within_6_months)/.test(code);

function Dashboard({ data, comparisons, onOpen }: { data: Indicators; comparisons: { label: string; data: Indicators }[]; onOpen: (level: Level, id: string) => void }) {
  const { t, i18n } = useTranslation('monitor');
  const refreshed = data.refreshedAt ? new Date(data.refreshedAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL') : null;
  return (
    <>
      <h2 className="monitor-scope">
        {data.name} <span className="muted">· {data.schoolYear}</span>
      </h2>
      {refreshed && <p className="muted">{t('refreshedAt', { when: refreshed })}</p>}
      {data.drillDown.length > 0 && (
        <nav aria-labelledby="monitor-drill">
          <h2 id="monitor-drill">{t('drillDown')}</h2>
          <ul className="monitor-drill">
            {data.drillDown.map((d) => (
              <li key={d.id}>
                <button type="button" className="link" onClick={() => onOpen(d.level, d.id)}>
                  {d.name}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {data.items.length === 0 && <Alert kind="info">{t('empty')}</Alert>}
      {CHARTS.map((chart) => {
        const items = data.items.filter((i) => chart.match(i.code));
        if (!items.length) return null;
        return <ChartSection key={chart.key} id={`chart-${chart.key}`} title={t(`charts.${chart.key}`)} items={items} scopeName={data.name} comparisons={comparisons} max={chart.max} />;
      })}
      <DownloadCsv data={data} comparisons={comparisons} />
      <section aria-labelledby="monitor-explain" className="card">
        <h2 id="monitor-explain">{t('explain.title')}</h2>
        <p>{t('explain.suppression')}</p>
        <dl className="monitor-explain">
          {uniqueFamilies(data.items).map((i) => (
            <div key={i.code}>
              <dt>{i.label.split(':')[0]}</dt>
              <dd>{i.explanation}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

const uniqueFamilies = (items: Indicator[]) => {
  const seen = new Set<string>();
  return items.filter((i) => {
    const family = i.code.split('.')[0];
    if (seen.has(family)) return false;
    seen.add(family);
    return true;
  });
};

function ChartSection({ id, title, items, scopeName, comparisons, max }: { id: string; title: string; items: Indicator[]; scopeName: string; comparisons: { label: string; data: Indicators }[]; max?: number }) {
  const { t } = useTranslation('monitor');
  const format = useFormat();
  const other = (data: Indicators, code: string) => data.items.find((i) => i.code === code);
  const labels = useMemo(() => items.map((i) => i.label), [items]);
  const series: Series[] = useMemo(
    () => [
      { label: scopeName, values: items.map((i) => (i.suppressed ? null : i.value)), color: COLORS[0] },
      ...comparisons.map((c, k) => ({ label: c.label, values: items.map((i) => other(c.data, i.code)?.value ?? null), color: COLORS[k + 1] })),
    ],
    [items, scopeName, comparisons],
  );
  return (
    <section aria-labelledby={id} className="card monitor-section">
      <h2 id={id}>{title}</h2>
      <div className="monitor-pair">
        <IndicatorChart labels={labels} series={series} max={max} />
        <TableWrap labelledBy={`${id}-table`}>
          <table>
            <caption id={`${id}-table`}>{t('table.caption', { title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('table.indicator')}</th>
                <th scope="col">{scopeName}</th>
                <th scope="col">{t('table.n')}</th>
                {comparisons.map((c) => (
                  <th scope="col" key={c.label}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.code}>
                  <th scope="row">{i.label}</th>
                  <td>{format(i)}</td>
                  <td>{i.suppressed || i.n === null ? '–' : i.n}</td>
                  {comparisons.map((c) => (
                    <td key={c.label}>{format(other(c.data, i.code))}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </div>
    </section>
  );
}

const csvCell = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function DownloadCsv({ data, comparisons }: { data: Indicators; comparisons: { label: string; data: Indicators }[] }) {
  const { t } = useTranslation('monitor');
  const download = () => {
    const header = ['code', 'indicator', 'waarde', 'n', 'verborgen', ...comparisons.map((c) => c.label)];
    const rows = data.items.map((i) => [i.code, i.label, i.value, i.n, i.suppressed ? 1 : 0, ...comparisons.map((c) => c.data.items.find((x) => x.code === i.code)?.value ?? null)]);
    const csv = [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n');
    const url = URL.createObjectURL(new Blob([`\uFEFF${csv}\n`], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `lob-monitor-${data.level}-${data.schoolYear}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <p>
      <button type="button" onClick={download}>
        {t('downloadCsv')}
      </button>
    </p>
  );
}

function CoordinatorTools({ admin }: { admin: boolean }) {
  const { t } = useTranslation('monitor');
  const qc = useQueryClient();
  const [done, setDone] = useState(false);
  const refresh = useMutation({
    mutationFn: () => api('/monitor/refresh', { body: {} }),
    onSuccess: () => {
      setDone(true);
      void qc.invalidateQueries({ queryKey: ['monitor'] });
    },
  });
  return (
    <section aria-labelledby="monitor-tools" className="card">
      <h2 id="monitor-tools">{t('tools.title')}</h2>
      <p>{t('tools.exportIntro')}</p>
      <p>
        <a href="/api/v1/monitor/export?level=nation" download>
          {t('tools.export')}
        </a>
      </p>
      <p>
        <button type="button" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
          {t('tools.refresh')}
        </button>
      </p>
      {done && <Alert kind="success">{t('tools.refreshed')}</Alert>}
      {refresh.error && <Alert>{t('errors.generic')}</Alert>}
      {admin && (
        <p>
          <Link to="/monitor/feeds">{t('tools.feeds')}</Link>
        </p>
      )}
    </section>
  );
}
