import { sql, type RawBuilder } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { badRequest } from '../../platform/errors.js';
import { schoolDate } from '../../platform/clock.js';
import { regionalOrganisations } from './access.js';
import { ANALYSTS } from './policy.js';

/**
 * Dropout analysis (voortijdig schoolverlaten) for the region: who left school early, from
 * which institution, opleiding and level, at which moment of the year (the month after the
 * start of the programme) and why — and the share re-placed in school, work or care within
 * 3 and 6 months. Counts only; a group of fewer than 10 young people is not shown, and when
 * exactly one group would be hidden the next smallest is hidden too, so no hidden group can be
 * worked out from the total.
 */
export const MIN_CELL = 10;
export const DROPOUT_DIMENSIONS = ['institution', 'programme', 'level', 'month', 'reason'] as const;
export type DropoutDimension = (typeof DROPOUT_DIMENSIONS)[number];

const GROUP_SQL: Record<DropoutDimension, RawBuilder<string>> = {
  institution: sql<string>`coalesce(p.institution_name, '')`,
  programme: sql<string>`coalesce(p.programme, '') || case when p.level is null then '' else ' (niveau ' || p.level || ')' end`,
  level: sql<string>`coalesce(p.level::text, '')`,
  // month 1 = the first month after the programme started
  month: sql<string>`case when p.programme_started_on is null then ''
    else ((extract(year from age(p.since, p.programme_started_on)) * 12 + extract(month from age(p.since, p.programme_started_on)))::int + 1)::text end`,
  reason: sql<string>`coalesce(p.reason, '')`,
};

interface Cell {
  value: string;
  n: number | null;
  placed3m: number | null;
  known3m: number | null;
  pct3m: number | null;
  placed6m: number | null;
  known6m: number | null;
  pct6m: number | null;
  suppressed: boolean;
}

export async function dropoutAnalysis(deps: Pick<Deps, 'db' | 'clock' | 'audit'>, actor: Actor, q: { by: DropoutDimension; from?: string; to?: string }) {
  const today = schoolDate(deps.clock.now());
  const to = q.to ?? today;
  const from = q.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  if (from > to) throw badRequest('validation_failed', { to: 'De einddatum moet na de begindatum liggen / to must be after from.' });
  const regions = [...new Set((await regionalOrganisations(deps, actor, ANALYSTS)).map((o) => o.rmc_region_id))];
  if (regions.length === 0) return { by: q.by, from, to, minCell: MIN_CELL, total: null, items: [] };
  const r = await sql<{ value: string; n: number; placed3m: number; known3m: number; placed6m: number; known6m: number }>`
    with leavers as (
      select p.youth_id, p.since, ${GROUP_SQL[q.by]} as value
      from region_placements p join region_youth y on y.id = p.youth_id
      where y.rmc_region_id = any(${regions}::uuid[])
        and p.status = 'without_place' and p.reason in ('dropout', 'no_start_qualification')
        and p.institution_name is not null
        and p.since between ${from}::date and ${to}::date
    ), outcome as (
      select l.value, l.since,
        exists (select 1 from region_placements q where q.youth_id = l.youth_id and q.status in ('school', 'work', 'care')
          and q.since >= l.since and q.since <= l.since + interval '3 months') as placed3m,
        exists (select 1 from region_placements q where q.youth_id = l.youth_id and q.status in ('school', 'work', 'care')
          and q.since >= l.since and q.since <= l.since + interval '6 months') as placed6m
      from leavers l
    )
    select value, count(*)::int as n,
      count(*) filter (where placed3m and since + interval '3 months' <= ${today}::date)::int as placed3m,
      count(*) filter (where since + interval '3 months' <= ${today}::date)::int as known3m,
      count(*) filter (where placed6m and since + interval '6 months' <= ${today}::date)::int as placed6m,
      count(*) filter (where since + interval '6 months' <= ${today}::date)::int as known6m
    from outcome group by value order by value`.execute(deps.db);
  const cells = suppress(r.rows.map((c) => ({ ...c, n: Number(c.n), placed3m: Number(c.placed3m), known3m: Number(c.known3m), placed6m: Number(c.placed6m), known6m: Number(c.known6m) })));
  const sum = (k: 'n' | 'placed3m' | 'known3m' | 'placed6m' | 'known6m') => r.rows.reduce((s, c) => s + Number(c[k]), 0);
  const total = sum('n') >= MIN_CELL ? cell('', sum('n'), sum('placed3m'), sum('known3m'), sum('placed6m'), sum('known6m')) : null;
  deps.audit.recordRead({ action: 'region.dropout.read', actorId: actor.userId, details: { by: q.by, from, to } });
  return { by: q.by, from, to, minCell: MIN_CELL, total, items: cells };
}

function cell(value: string, n: number, placed3m: number, known3m: number, placed6m: number, known6m: number): Cell {
  // a share over fewer than 10 known outcomes is as revealing as a small group: not shown
  const share = (placed: number, known: number) => (known >= MIN_CELL ? (100 * placed) / known : null);
  return {
    value,
    n,
    placed3m: known3m >= MIN_CELL ? placed3m : null,
    known3m: known3m >= MIN_CELL ? known3m : null,
    pct3m: share(placed3m, known3m),
    placed6m: known6m >= MIN_CELL ? placed6m : null,
    known6m: known6m >= MIN_CELL ? known6m : null,
    pct6m: share(placed6m, known6m),
    suppressed: false,
  };
}

const hidden = (value: string): Cell => ({ value, n: null, placed3m: null, known3m: null, pct3m: null, placed6m: null, known6m: null, pct6m: null, suppressed: true });

/** Primary suppression below MIN_CELL, and secondary suppression when only one group would be hidden. */
export function suppress(rows: { value: string; n: number; placed3m: number; known3m: number; placed6m: number; known6m: number }[]): Cell[] {
  const small = new Set(rows.filter((r) => r.n < MIN_CELL).map((r) => r.value));
  if (small.size === 1) {
    const next = rows.filter((r) => !small.has(r.value)).sort((a, b) => a.n - b.n || a.value.localeCompare(b.value))[0];
    if (next) small.add(next.value);
  }
  return rows.map((r) => (small.has(r.value) ? hidden(r.value) : cell(r.value, r.n, r.placed3m, r.known3m, r.placed6m, r.known6m)));
}

/** The analysis as CSV (UTF-8, comma-separated); hidden groups have empty numbers and suppressed=1. */
export function dropoutCsv(result: Awaited<ReturnType<typeof dropoutAnalysis>>): string {
  const quote = (v: string) => (/[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : v);
  const num = (v: number | null) => (v === null ? '' : String(Math.round(v * 10) / 10));
  const lines = [`${result.by},n,placed_3m,known_3m,pct_placed_3m,placed_6m,known_6m,pct_placed_6m,suppressed`];
  const row = (label: string, c: Cell) =>
    [quote(label), num(c.n), num(c.placed3m), num(c.known3m), num(c.pct3m), num(c.placed6m), num(c.known6m), num(c.pct6m), c.suppressed ? '1' : '0'].join(',');
  for (const c of result.items) lines.push(row(c.value, c));
  if (result.total) lines.push(row('total', result.total));
  return lines.join('\r\n') + '\r\n';
}
