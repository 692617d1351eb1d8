import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Field, SelectField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { TableWrap } from '../../ui/TableWrap';
import { ACTIVITY_KINDS, useProgrammes, useTargetGroups, useVersion } from './api';
import './programme.css';

const COMPONENT_KINDS = ['conversation', 'activity', 'entries', 'exercise'] as const;

interface ComponentDraft {
  key: number;
  title: string;
  year: string;
  period: string;
  kind: (typeof COMPONENT_KINDS)[number];
  count: string;
  activityKinds: string[];
  minCompetencies: string;
  levels: number[];
  pathways: string[];
  intensity: string;
  guidance: string;
  attendanceAlone: boolean;
  competencies: string[];
  dimensions: string[];
  targetGroupIds: string[];
}

const COMPETENCES = ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'] as const;
const DIMENSIONS = ['politiek_juridisch', 'economisch', 'sociaal_maatschappelijk', 'vitaal'] as const;

const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

let nextKey = 1;
const emptyComponent = (): ComponentDraft => ({
  key: nextKey++,
  title: '',
  year: '1',
  period: '',
  kind: 'activity',
  count: '1',
  activityKinds: [],
  minCompetencies: '0',
  levels: [],
  pathways: [],
  intensity: '',
  guidance: '',
  attendanceAlone: false,
  competencies: [],
  dimensions: [],
  targetGroupIds: [],
});

/**
 * What the draft addresses, and what it never addresses or not for every student: the same
 * rule as the server's coverage(), live while the coordinator edits.
 */
export function draftCoverage(components: Pick<ComponentDraft, 'competencies' | 'dimensions' | 'levels' | 'pathways' | 'targetGroupIds'>[]) {
  const everyone = (c: (typeof components)[number]) => c.levels.length === 0 && c.pathways.length === 0 && c.targetGroupIds.length === 0;
  const check = (codes: readonly string[], pick: (c: (typeof components)[number]) => string[]) => ({
    missing: codes.filter((k) => !components.some((c) => pick(c).includes(k))),
    notForEveryone: codes.filter((k) => components.some((c) => pick(c).includes(k)) && !components.some((c) => everyone(c) && pick(c).includes(k))),
  });
  return { competencies: check(COMPETENCES, (c) => c.competencies), dimensions: check(DIMENSIONS, (c) => c.dimensions) };
}

/** The first 1 August after today: a new version is for cohorts that have not started yet. */
export function nextSchoolYear(today = new Date()): string {
  const year = today.getMonth() >= 7 ? today.getFullYear() + 1 : today.getFullYear();
  return `${year}-08-01`;
}

const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

/**
 * The LOB-coördinator (or manager) writes and publishes the next version of an opleiding's
 * programme: components by year and period, with kind, number, competencies, intensity,
 * guidance, levels and BOL/BBL, and the rule. It starts from the latest version; publishing it
 * never changes the version of a cohort that already started.
 */
export default function VersionEditorPage() {
  const { id } = useParams();
  const { t } = useTranslation('programme');
  const programmes = useProgrammes();
  const programme = programmes.data?.items.find((p) => p.id === id);
  const latest = programme?.versions.at(-1);
  const previous = useVersion(latest?.id);
  if (programmes.isLoading || (latest && previous.isLoading)) return <Loading />;
  if (!programme) return <Alert>{t('errors.notFound')}</Alert>;
  return <VersionForm programme={programme} previous={previous.data ?? null} />;
}

type Programme = NonNullable<ReturnType<typeof useProgrammes>['data']>['items'][number];
type PreviousVersion = NonNullable<ReturnType<typeof useVersion>['data']>;

function fromPrevious(previous: PreviousVersion | null): ComponentDraft[] {
  if (!previous || previous.components.length === 0) return [emptyComponent()];
  return previous.components.map((c: any) => ({
    key: nextKey++,
    title: c.title,
    year: String(c.year),
    period: c.period ? String(c.period) : '',
    kind: c.kind,
    count: String(c.requiredCount),
    activityKinds: c.activityKinds ?? [],
    minCompetencies: String(c.minCompetencies ?? 0),
    levels: (c.levels ?? []).map(Number),
    pathways: c.pathways ?? [],
    intensity: c.intensity ?? '',
    guidance: c.guidance ?? '',
    attendanceAlone: !!c.attendanceAlone,
    competencies: c.competencies ?? [],
    dimensions: c.dimensions ?? [],
    targetGroupIds: c.targetGroupIds ?? [],
  }));
}

function VersionForm({ programme, previous }: { programme: Programme; previous: PreviousVersion | null }) {
  const { t } = useTranslation('programme');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [effectiveFrom, setEffectiveFrom] = useState(nextSchoolYear());
  const [rule, setRule] = useState<'all' | 'min_components'>((previous?.rule as 'all' | 'min_components') ?? 'all');
  const [ruleMin, setRuleMin] = useState(previous?.ruleMin ? String(previous.ruleMin) : '');
  const [ruleText, setRuleText] = useState(previous?.ruleText ?? '');
  const [minAspectLength, setMinAspectLength] = useState(String((previous as any)?.minAspectLength ?? 40));
  const [components, setComponents] = useState<ComponentDraft[]>(() => fromPrevious(previous));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (error) document.getElementById('version-error')?.focus();
  }, [error]);

  const update = (key: number, patch: Partial<ComponentDraft>) => setComponents((list) => list.map((c) => (c.key === key ? { ...c, ...patch } : c)));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    // The server refuses it too; saying so at once spares a round trip.
    if (!effectiveFrom || effectiveFrom <= localToday()) {
      setErrors({ effectiveFrom: t('editor.effectiveFromPast') });
      setError(t('editor.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      await api(`/lob/programmes/${programme.id}/versions`, {
        method: 'POST',
        body: {
          effectiveFrom,
          rule,
          ruleMin: rule === 'min_components' ? Number(ruleMin) || null : null,
          ruleText,
          minAspectLength: Number(minAspectLength) || 40,
          components: components.map((c) => ({
            title: c.title,
            year: Number(c.year),
            period: c.period ? Number(c.period) : null,
            kind: c.kind,
            count: Number(c.count),
            activityKinds: c.kind === 'activity' ? c.activityKinds : [],
            minCompetencies: c.kind === 'entries' ? Number(c.minCompetencies) || 0 : 0,
            levels: c.levels,
            pathways: c.pathways,
            intensity: c.intensity,
            guidance: c.guidance,
            attendanceAlone: c.kind === 'activity' && c.attendanceAlone,
            competencies: c.competencies,
            dimensions: c.dimensions,
            targetGroupIds: c.targetGroupIds,
          })),
        },
      });
      await qc.invalidateQueries({ queryKey: ['lob'] });
      navigate('/lob/programma', { state: { published: programme.name } });
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError) {
        setErrors(err.fields);
        setError(err.message);
      } else setError(t('errors.generic'));
    }
  }

  return (
    <section className="page page--narrow">
      <p>
        <Link to="/lob/programma">{t('editor.back')}</Link>
      </p>
      <h1>{t('editor.title', { name: programme.name })}</h1>
      <p className="lead">{t('editor.intro')}</p>
      {error && (
        <div id="version-error" tabIndex={-1}>
          <Alert>{error}</Alert>
        </div>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('editor.effectiveFrom')} hint={t('editor.effectiveFromHint')} type="date" value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} error={errors.effectiveFrom} required />
        <fieldset className="field">
          <legend>{t('editor.rule')}</legend>
          <label className="check-row">
            <input type="radio" name="rule" value="all" checked={rule === 'all'} onChange={() => setRule('all')} /> {t('editor.ruleAll')}
          </label>
          <label className="check-row">
            <input type="radio" name="rule" value="min_components" checked={rule === 'min_components'} onChange={() => setRule('min_components')} /> {t('editor.ruleMin')}
          </label>
        </fieldset>
        {rule === 'min_components' && <Field label={t('editor.ruleMinCount')} type="number" min={1} inputMode="numeric" value={ruleMin} onChange={(e) => setRuleMin(e.target.value)} error={errors.ruleMin} />}
        <div className="field">
          <label htmlFor="rule-text">{t('editor.ruleText')}</label>
          <textarea id="rule-text" value={ruleText} onChange={(e) => setRuleText(e.target.value)} />
        </div>
        <Field
          label={t('editor.minAspectLength')}
          hint={t('editor.minAspectLengthHint')}
          type="number"
          min={1}
          max={2000}
          inputMode="numeric"
          value={minAspectLength}
          onChange={(e) => setMinAspectLength(e.target.value)}
          error={errors.minAspectLength}
        />
        <h2>{t('editor.components')}</h2>
        {errors.components && <Alert>{errors.components}</Alert>}
        <ol className="component-list">
          {components.map((c, index) => (
            <li key={c.key}>
              <ComponentFields
                component={c}
                index={index}
                errors={errors}
                onChange={(patch) => update(c.key, patch)}
                onRemove={components.length > 1 ? () => setComponents((list) => list.filter((x) => x.key !== c.key)) : undefined}
              />
            </li>
          ))}
        </ol>
        <button type="button" className="button button--secondary" onClick={() => setComponents((list) => [...list, emptyComponent()])}>
          {t('editor.addComponent')}
        </button>
        <CoveragePanel components={components} />
        <p className="muted">{t('editor.publishNote')}</p>
        <button type="submit" className="button" disabled={busy}>
          {t('editor.publish')}
        </button>
      </form>
    </section>
  );
}

function ComponentFields({
  component: c,
  index,
  errors,
  onChange,
  onRemove,
}: {
  component: ComponentDraft;
  index: number;
  errors: Record<string, string>;
  onChange: (patch: Partial<ComponentDraft>) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation('programme');
  const err = (field: string) => errors[`components.${index}.${field}`];
  const n = index + 1;
  return (
    <fieldset className="card component-editor">
      <legend>{t('editor.component', { n, title: c.title })}</legend>
      <Field label={t('editor.componentTitle')} value={c.title} onChange={(e) => onChange({ title: e.target.value })} error={err('title')} required />
      <SelectField
        label={t('editor.kind')}
        value={c.kind}
        onChange={(e) => onChange({ kind: e.target.value as ComponentDraft['kind'] })}
        options={COMPONENT_KINDS.map((k) => ({ value: k, label: t(`editor.kinds.${k}`) }))}
      />
      <div className="editor-row">
        <SelectField label={t('editor.year')} value={c.year} onChange={(e) => onChange({ year: e.target.value })} options={[1, 2, 3, 4].map((y) => ({ value: String(y), label: String(y) }))} />
        <SelectField
          label={t('editor.period')}
          value={c.period}
          onChange={(e) => onChange({ period: e.target.value })}
          options={[{ value: '', label: t('editor.wholeYear') }, ...[1, 2, 3, 4].map((p) => ({ value: String(p), label: String(p) }))]}
        />
        <Field label={t('editor.count')} type="number" min={1} inputMode="numeric" value={c.count} onChange={(e) => onChange({ count: e.target.value })} error={err('count')} />
      </div>
      {c.kind === 'activity' && (
        <fieldset className="field">
          <legend>{t('editor.activityKinds')}</legend>
          <p className="field__hint">{t('editor.activityKindsHint')}</p>
          <div className="check-grid">
            {ACTIVITY_KINDS.filter((k) => k !== 'career_conversation').map((k) => (
              <label key={k} className="check-row">
                <input type="checkbox" checked={c.activityKinds.includes(k)} onChange={() => onChange({ activityKinds: toggle(c.activityKinds, k) })} /> {t(`kinds.${k}`)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {c.kind === 'activity' && (
        <label className="check-row">
          <input type="checkbox" checked={c.attendanceAlone} onChange={() => onChange({ attendanceAlone: !c.attendanceAlone })} /> {t('editor.attendanceAlone')}
        </label>
      )}
      <fieldset className="field">
        <legend>{t('editor.addresses')}</legend>
        <p className="field__hint">{t('editor.addressesHint')}</p>
        <div className="check-grid">
          {COMPETENCES.map((k) => (
            <label key={k} className="check-row">
              <input type="checkbox" checked={c.competencies.includes(k)} onChange={() => onChange({ competencies: toggle(c.competencies, k) })} /> {t(`competence.${k}`)}
            </label>
          ))}
          {DIMENSIONS.map((k) => (
            <label key={k} className="check-row">
              <input type="checkbox" checked={c.dimensions.includes(k)} onChange={() => onChange({ dimensions: toggle(c.dimensions, k) })} /> {t(`dimension.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {c.kind === 'entries' && (
        <Field label={t('editor.minCompetencies')} hint={t('editor.minCompetenciesHint')} type="number" min={0} max={5} inputMode="numeric" value={c.minCompetencies} onChange={(e) => onChange({ minCompetencies: e.target.value })} error={err('minCompetencies')} />
      )}
      <fieldset className="field">
        <legend>{t('editor.levels')}</legend>
        <p className="field__hint">{t('editor.allWhenEmpty')}</p>
        <div className="check-grid">
          {[1, 2, 3, 4].map((l) => (
            <label key={l} className="check-row">
              <input type="checkbox" checked={c.levels.includes(l)} onChange={() => onChange({ levels: toggle(c.levels, l).sort() })} /> {t('programme.level', { level: l })}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>{t('editor.pathways')}</legend>
        <p className="field__hint">{t('editor.allWhenEmpty')}</p>
        <div className="check-grid">
          {['BOL', 'BBL'].map((p) => (
            <label key={p} className="check-row">
              <input type="checkbox" checked={c.pathways.includes(p)} onChange={() => onChange({ pathways: toggle(c.pathways, p) })} /> {p}
            </label>
          ))}
        </div>
      </fieldset>
      <TargetGroupChoice value={c.targetGroupIds} onChange={(targetGroupIds) => onChange({ targetGroupIds })} />
      <Field label={t('editor.intensity')} hint={t('editor.intensityHint')} value={c.intensity} onChange={(e) => onChange({ intensity: e.target.value })} error={err('intensity')} />
      <Field label={t('editor.guidance')} hint={t('editor.guidanceHint')} value={c.guidance} onChange={(e) => onChange({ guidance: e.target.value })} error={err('guidance')} />
      {onRemove && (
        <button type="button" className="button button--quiet" onClick={onRemove}>
          {t('editor.remove', { n })}
        </button>
      )}
    </fieldset>
  );
}

/** The resultaatverplichting at a glance: what the draft addresses in which year and period, and what never. */
function CoveragePanel({ components }: { components: ComponentDraft[] }) {
  const { t } = useTranslation('programme');
  const cov = draftCoverage(components);
  const missing = [...cov.competencies.missing.map((k) => t(`competence.${k}`)), ...cov.dimensions.missing.map((k) => t(`dimension.${k}`))];
  const partial = [...cov.competencies.notForEveryone.map((k) => t(`competence.${k}`)), ...cov.dimensions.notForEveryone.map((k) => t(`dimension.${k}`))];
  const where = (pick: (c: ComponentDraft) => string[], code: string) =>
    components
      .filter((c) => pick(c).includes(code))
      .map((c) => (c.period ? t('status.period', { year: c.year, period: c.period }) : t('status.year', { year: c.year })))
      .join(', ') || '—';
  return (
    <section className="card" aria-labelledby="coverage-title">
      <h2 id="coverage-title">{t('coverage.title')}</h2>
      {missing.length > 0 && (
        <div role="alert" className="coverage-warning">
          <Alert>{t('coverage.missing', { list: missing.join(', ') })}</Alert>
        </div>
      )}
      {partial.length > 0 && <Alert kind="info">{t('coverage.notForEveryone', { list: partial.join(', ') })}</Alert>}
      {missing.length === 0 && partial.length === 0 && <p>{t('coverage.complete')}</p>}
      <TableWrap labelledBy="coverage-title">
        <table>
          <caption className="visually-hidden">{t('coverage.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('coverage.what')}</th>
              <th scope="col">{t('coverage.when')}</th>
            </tr>
          </thead>
          <tbody>
            {COMPETENCES.map((k) => (
              <tr key={k}>
                <th scope="row">{t(`competence.${k}`)}</th>
                <td>{where((c) => c.competencies, k)}</td>
              </tr>
            ))}
            {DIMENSIONS.map((k) => (
              <tr key={k}>
                <th scope="row">{t(`dimension.${k}`)}</th>
                <td>{where((c) => c.dimensions, k)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

/** Besides level and pathway: the institution's target groups a component is for (none: everyone). */
function TargetGroupChoice({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation('programme');
  const groups = useTargetGroups();
  const items = groups.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <fieldset className="field">
      <legend>{t('editor.targetGroups')}</legend>
      <p className="field__hint">{t('editor.allWhenEmpty')}</p>
      <div className="check-grid">
        {items.map((g) => (
          <label key={g.id} className="check-row">
            <input type="checkbox" checked={value.includes(g.id)} onChange={() => onChange(toggle(value, g.id))} /> {g.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
