import { allItems, answerValues, categories, isCategorical, otherKey, type Definition, type Item } from './definition.js';

/**
 * Reports on a set of responses: frequencies, means, crosstabs, theme scores and the comparison
 * of two waves. Pure functions: the service loads the responses, these count.
 *
 * Suppression: with threshold k, no count of 1…k−1 people is shown (n and pct become null), a
 * group of fewer than k respondents shows nothing, and where one hidden count could be worked
 * out from the base and the other counts, the next smallest count is hidden too. Zero is shown.
 */
export interface ResponseRow {
  answers: Record<string, unknown>;
  team_id?: string | null;
  programme_id?: string | null;
}

export interface CrosstabCell {
  value: string;
  label: string;
  n: number | null;
  pct: number | null;
  /** the base this pct is computed on (the row's, or with percent=column the column's) */
  base: number | null;
}
export interface CrosstabRow {
  value: string;
  label: string;
  base: number | null;
  cells: CrosstabCell[];
}
export interface Crosstab {
  row: { code: string; text: string; type: string };
  col: { code: string; text: string; type: string };
  percent: 'row' | 'column';
  /** respondents who answered both items */
  respondents: number | null;
  columns: { value: string; label: string; base: number | null }[];
  rows: CrosstabRow[];
  threshold: number;
}

const hidden = (n: number, k: number) => n > 0 && n < k;

/**
 * Crosstab of two choice or Likert items. A respondent counts in a row for every row value they
 * gave and in a column for every column value (so a multiple-choice item gives one row or
 * column per option, and a respondent can count in several). Only respondents who answered both
 * items are counted. pct = 100·n/base, unrounded; base is the row's respondents, or with
 * percent=column the column's.
 */
export function crosstab(def: Definition, rows: ResponseRow[], rowItem: Item, colItem: Item, percent: 'row' | 'column', k: number): Crosstab {
  const rowCats = categories(rowItem);
  const colCats = categories(colItem);
  const n = new Map<string, number>();
  const rowBase = new Map<string, number>();
  const colBase = new Map<string, number>();
  let respondents = 0;
  for (const r of rows) {
    const rv = answerValues(rowItem, r.answers[rowItem.code]);
    const cv = answerValues(colItem, r.answers[colItem.code]);
    if (!rv.length || !cv.length) continue;
    respondents++;
    for (const a of rv) rowBase.set(a, (rowBase.get(a) ?? 0) + 1);
    for (const b of cv) colBase.set(b, (colBase.get(b) ?? 0) + 1);
    for (const a of rv) for (const b of cv) n.set(`${a}\u0000${b}`, (n.get(`${a}\u0000${b}`) ?? 0) + 1);
  }
  // Suppression on a matrix of counts, then the percentages from what is left.
  const counts = rowCats.map((rc) => colCats.map((cc) => n.get(`${rc.value}\u0000${cc.value}`) ?? 0));
  const rowBases = rowCats.map((rc) => rowBase.get(rc.value) ?? 0);
  const colBases = colCats.map((cc) => colBase.get(cc.value) ?? 0);
  const shown = suppressMatrix(counts, rowBases, colBases, k, { rowsPartition: colItem.type !== 'multi', colsPartition: rowItem.type !== 'multi' });
  const everything = respondents >= k;
  return {
    row: { code: rowItem.code, text: rowItem.text, type: rowItem.type },
    col: { code: colItem.code, text: colItem.text, type: colItem.type },
    percent,
    respondents: everything ? respondents : null,
    threshold: k,
    columns: colCats.map((cc, j) => ({ value: cc.value, label: cc.label, base: everything && !hidden(colBases[j], k) ? colBases[j] : null })),
    rows: rowCats.map((rc, i) => {
      const base = everything && !hidden(rowBases[i], k) ? rowBases[i] : null;
      return {
        value: rc.value,
        label: rc.label,
        base,
        cells: colCats.map((cc, j) => {
          const cell = everything ? shown[i][j] : null;
          const denominator = percent === 'row' ? base : everything && !hidden(colBases[j], k) ? colBases[j] : null;
          return {
            value: cc.value,
            label: cc.label,
            n: cell,
            base: denominator,
            pct: cell === null || denominator === null || denominator === 0 ? null : (100 * cell) / denominator,
          };
        }),
      };
    }),
  };
}

/**
 * Primary suppression (1…k−1) and secondary suppression: in a row (or column) whose counts add up
 * to its shown base, a single hidden count could be computed back, so the smallest other
 * non-zero count is hidden as well. Repeated until nothing changes.
 */
export function suppressMatrix(
  counts: number[][],
  rowBases: number[],
  colBases: number[],
  k: number,
  opts: { rowsPartition: boolean; colsPartition: boolean },
): (number | null)[][] {
  const out: (number | null)[][] = counts.map((r) => r.map((c) => (hidden(c, k) ? null : c)));
  // A row with a hidden base hides all its counts, likewise a column.
  rowBases.forEach((b, i) => {
    if (hidden(b, k)) out[i] = out[i].map(() => null);
  });
  colBases.forEach((b, j) => {
    if (hidden(b, k)) out.forEach((r) => (r[j] = null));
  });
  const lines = (): { cells: [number, number][]; baseShown: boolean }[] => [
    ...(opts.rowsPartition ? out.map((r, i) => ({ cells: r.map((_c, j) => [i, j] as [number, number]), baseShown: !hidden(rowBases[i], k) })) : []),
    ...(opts.colsPartition ? (out[0] ?? []).map((_c, j) => ({ cells: out.map((_r, i) => [i, j] as [number, number]), baseShown: !hidden(colBases[j], k) })) : []),
  ];
  for (let guard = 0; guard < 100; guard++) {
    let changed = false;
    for (const line of lines()) {
      if (!line.baseShown) continue;
      const hiddenCells = line.cells.filter(([i, j]) => out[i][j] === null && counts[i][j] > 0);
      if (hiddenCells.length !== 1) continue;
      const candidates = line.cells.filter(([i, j]) => out[i][j] !== null && counts[i][j] > 0).sort(([a, b], [c, d]) => counts[a][b] - counts[c][d]);
      if (candidates.length) {
        const [i, j] = candidates[0];
        out[i][j] = null;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return out;
}

export interface Frequency {
  code: string;
  text: string;
  type: string;
  section: string;
  /** respondents who answered; null when fewer than the threshold */
  n: number | null;
  suppressed: boolean;
  options?: { value: string; label: string; n: number | null; pct: number | null }[];
  mean?: number | null;
  sd?: number | null;
  median?: number | null;
  /** open answers, sorted (never in the order given), only when enough people answered */
  texts?: string[];
  /** the "anders, namelijk…" texts of a choice item */
  otherTexts?: string[];
}

/** Frequencies and means of every item. */
export function frequencies(def: Definition, rows: ResponseRow[], k: number): Frequency[] {
  return def.sections.flatMap((section) => section.items.map((item) => frequency(item, section.title, rows, k)));
}

export function frequency(item: Item, section: string, rows: ResponseRow[], k: number): Frequency {
  const answered = rows.filter((r) => r.answers[item.code] !== undefined && r.answers[item.code] !== null);
  const n = answered.length;
  const suppressed = n < k;
  const base: Frequency = { code: item.code, text: item.text, type: item.type, section, n: suppressed ? null : n, suppressed };
  if (isCategorical(item)) {
    const cats = categories(item);
    const counts = cats.map((c) => answered.filter((r) => answerValues(item, r.answers[item.code]).includes(c.value)).length);
    const shown = suppressed ? counts.map(() => null) : suppressMatrix([counts], [n], counts, k, { rowsPartition: item.type !== 'multi', colsPartition: false })[0];
    base.options = cats.map((c, i) => ({ value: c.value, label: c.label, n: shown[i], pct: shown[i] === null || n === 0 ? null : (100 * shown[i]!) / n }));
    if (item.other) base.otherTexts = suppressed ? [] : sortedTexts(answered.map((r) => r.answers[otherKey(item.code)]));
  }
  if (item.type === 'likert5' || item.type === 'number') {
    const values = answered.map((r) => Number(r.answers[item.code]));
    const s = stats(values);
    base.mean = suppressed ? null : s.mean;
    base.sd = suppressed ? null : s.sd;
    base.median = suppressed ? null : s.median;
  }
  if (item.type === 'text') base.texts = suppressed ? [] : sortedTexts(answered.map((r) => r.answers[item.code]));
  return base;
}

function sortedTexts(values: unknown[]): string[] {
  return values.filter((v): v is string => typeof v === 'string' && v.length > 0).sort((a, b) => a.localeCompare(b, 'nl'));
}

export function stats(values: number[]): { mean: number | null; sd: number | null; median: number | null } {
  if (!values.length) return { mean: null, sd: null, median: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)) : 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { mean, sd, median };
}

export interface ThemeScore {
  code: string;
  label: string;
  /** mean of the theme's Likert answers (1–5); null when suppressed or nobody answered */
  score: number | null;
  n: number | null;
}

/**
 * Score per theme: for every respondent the mean of their answers to the theme's Likert items,
 * then the mean over respondents. Fewer than k respondents: no score.
 */
export function themeScores(def: Definition, rows: ResponseRow[], k: number): ThemeScore[] {
  const items = allItems(def).filter((i) => i.type === 'likert5' && i.theme);
  return (def.themes ?? []).map((theme) => {
    const themeItems = items.filter((i) => i.theme === theme.code);
    const perRespondent = rows
      .map((r) => themeItems.map((i) => r.answers[i.code]).filter((v): v is number => typeof v === 'number'))
      .filter((v) => v.length)
      .map((v) => v.reduce((a, b) => a + b, 0) / v.length);
    const n = perRespondent.length;
    if (n < k || n === 0) return { code: theme.code, label: theme.label, score: null, n: n < k ? null : n };
    return { code: theme.code, label: theme.label, score: perRespondent.reduce((a, b) => a + b, 0) / n, n };
  });
}

export interface WaveItem {
  code: string;
  text: string;
  type: string;
  a: Frequency;
  b: Frequency;
  /** b.mean − a.mean, when both are shown */
  meanDifference: number | null;
  /** per category: b.pct − a.pct in percentage points, when both are shown */
  pctDifference?: { value: string; label: string; difference: number | null }[];
}

/**
 * Two waves of an instrument (nulmeting and vervolgmeting) per item: items are matched on code
 * and type; items that exist in one wave only are left out.
 */
export function compareWaves(defA: Definition, rowsA: ResponseRow[], kA: number, defB: Definition, rowsB: ResponseRow[], kB: number): WaveItem[] {
  const itemsB = new Map(defB.sections.flatMap((s) => s.items.map((i) => [i.code, { item: i, section: s.title }] as const)));
  const out: WaveItem[] = [];
  for (const section of defA.sections) {
    for (const item of section.items) {
      const other = itemsB.get(item.code);
      if (!other || other.item.type !== item.type || item.type === 'text') continue;
      const a = frequency(item, section.title, rowsA, kA);
      const b = frequency(other.item, other.section, rowsB, kB);
      const meanDifference = a.mean != null && b.mean != null ? b.mean - a.mean : null;
      const wave: WaveItem = { code: item.code, text: item.text, type: item.type, a, b, meanDifference };
      if (a.options && b.options) {
        wave.pctDifference = a.options.map((o) => {
          const ob = b.options!.find((x) => x.value === o.value);
          return { value: o.value, label: o.label, difference: o.pct != null && ob?.pct != null ? ob.pct - o.pct : null };
        });
      }
      out.push(wave);
    }
  }
  return out;
}
