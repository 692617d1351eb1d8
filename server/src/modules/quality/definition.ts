import { z } from 'zod';

/**
 * The instrument format: sections with items, exchanged as JSON. The contract's short form
 * `{title, anonymous, items:[…]}` is one section without a title. Item types: single choice,
 * multiple choice (optionally with "anders, namelijk…"), Likert 1–5 with labels, number and
 * open text; routing shows an item only on certain answers to an earlier item.
 */
export const ITEM_TYPES = ['single', 'multi', 'likert5', 'number', 'text'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** The option value an "anders, namelijk…" item adds; its text goes in the column `<code>.other`. */
export const OTHER = 'other';
export const otherKey = (code: string) => `${code}.other`;

export const DEFAULT_LIKERT_LABELS = ['Helemaal oneens', 'Oneens', 'Neutraal', 'Eens', 'Helemaal eens'];

const text = (max: number) => z.string().trim().min(1).max(max);

export const optionSchema = z.object({
  // ';' separates the values of a multiple-choice answer in the CSV format
  value: z.string().trim().min(1).max(60).regex(/^[^;\r\n]+$/, 'Een antwoordwaarde mag geen ; bevatten.'),
  label: text(300),
});

export const itemSchema = z.object({
  code: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'Een code begint met een letter en bevat alleen letters, cijfers, _ en - (hoogstens 40 tekens).'),
  text: text(1000),
  type: z.enum(ITEM_TYPES),
  options: z.array(optionSchema).min(1).max(50).optional(),
  /** "anders, namelijk…": adds the option `other` with a free text */
  other: z.boolean().optional(),
  /** the five labels of a Likert item, from 1 to 5 */
  labels: z.array(text(100)).length(5).optional(),
  required: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  help: z.string().trim().max(1000).optional(),
  /** the scan theme a Likert item scores on */
  theme: z.string().trim().min(1).max(60).optional(),
  /** routing: show this item only when an earlier item has one of these answers */
  showIf: z.object({ item: z.string().trim().min(1), in: z.array(z.string().trim().min(1)).min(1).max(50) }).optional(),
});
export type Item = z.infer<typeof itemSchema>;

export const sectionSchema = z.object({
  title: z.string().trim().max(200).default(''),
  intro: z.string().trim().max(2000).optional(),
  items: z.array(itemSchema).min(1).max(200),
});
export type Section = z.infer<typeof sectionSchema>;

export const themeSchema = z.object({ code: z.string().trim().min(1).max(60), label: text(200) });
export type Theme = z.infer<typeof themeSchema>;

export interface Definition {
  sections: Section[];
  themes?: Theme[];
}

export interface Category {
  value: string;
  label: string;
}

export function allItems(def: Definition): Item[] {
  return def.sections.flatMap((s) => s.items);
}

export function isCategorical(item: Item): boolean {
  return item.type === 'single' || item.type === 'multi' || item.type === 'likert5';
}

/** The answer categories of a choice or Likert item, in their order. */
export function categories(item: Item): Category[] {
  if (item.type === 'likert5') {
    const labels = item.labels ?? DEFAULT_LIKERT_LABELS;
    return labels.map((label, i) => ({ value: String(i + 1), label }));
  }
  const options = item.options ?? [];
  return item.other && !options.some((o) => o.value === OTHER) ? [...options, { value: OTHER, label: 'Anders, namelijk…' }] : options;
}

/**
 * Checks what a schema cannot: unique codes, options where they belong, routing only to an
 * earlier item and to answers that exist, themes that are declared. Returns field → message.
 */
export function definitionProblems(def: Definition, prefix = 'sections'): Record<string, string> {
  const problems: Record<string, string> = {};
  const seen = new Map<string, Item>();
  const themes = def.themes ? new Set(def.themes.map((t) => t.code)) : null;
  def.sections.forEach((section, s) =>
    section.items.forEach((item, i) => {
      const at = prefix === 'items' ? `items.${i}` : `${prefix}.${s}.items.${i}`;
      if (seen.has(item.code)) problems[`${at}.code`] = `De code ${item.code} komt twee keer voor / code ${item.code} is not unique`;
      const choice = item.type === 'single' || item.type === 'multi';
      if (choice && !item.options?.length) problems[`${at}.options`] = 'quality_choice_needs_options';
      if (!choice && item.options) problems[`${at}.options`] = 'quality_options_only_choice';
      if (item.other && !choice) problems[`${at}.other`] = 'quality_other_only_choice';
      if (item.options && new Set(item.options.map((o) => o.value)).size !== item.options.length) {
        problems[`${at}.options`] = 'quality_options_unique';
      }
      if (item.labels && item.type !== 'likert5') problems[`${at}.labels`] = 'quality_labels_only_likert';
      if ((item.min !== undefined || item.max !== undefined) && item.type !== 'number') problems[`${at}.min`] = 'quality_limits_only_number';
      if (item.min !== undefined && item.max !== undefined && item.min > item.max) problems[`${at}.max`] = 'quality_max_below_min';
      if (item.theme && themes && !themes.has(item.theme)) problems[`${at}.theme`] = `Het thema ${item.theme} bestaat niet / unknown theme`;
      if (item.showIf) {
        const source = seen.get(item.showIf.item);
        if (!source) problems[`${at}.showIf.item`] = 'quality_routing_earlier';
        else if (!isCategorical(source)) problems[`${at}.showIf.item`] = 'quality_routing_categorical';
        else {
          const values = new Set(categories(source).map((c) => c.value));
          const unknown = item.showIf.in.find((v) => !values.has(v));
          if (unknown) problems[`${at}.showIf.in`] = `${unknown} is geen antwoord van ${source.code} / not an answer of that item`;
        }
      }
      seen.set(item.code, item);
    }),
  );
  return problems;
}

/** Values of a categorical answer as category values: a multi answer gives one per option chosen. */
export function answerValues(item: Item, answer: unknown): string[] {
  if (answer === undefined || answer === null) return [];
  if (item.type === 'multi') return Array.isArray(answer) ? answer.map(String) : [];
  if (item.type === 'likert5' || item.type === 'single') return [String(answer)];
  return [];
}

/** Whether routing shows the item, given the answers so far. */
export function isShown(item: Item, answers: Record<string, unknown>, byCode: Map<string, Item>): boolean {
  if (!item.showIf) return true;
  const source = byCode.get(item.showIf.item);
  if (!source || !isShown(source, answers, byCode)) return false;
  return answerValues(source, answers[source.code]).some((v) => item.showIf!.in.includes(v));
}

export type Answers = Record<string, string | number | string[]>;

export interface RawAnswer {
  code: string;
  /** the raw cell: for multi, values separated by ';' */
  raw: string;
}

/**
 * One respondent's answers, checked against the instrument: the right kind of value for every
 * item, only known options, no answer to an item routing skips, every shown required item
 * answered. Input cells are strings (CSV) or typed values (form). Returns the answers or the
 * reason they are refused, in Dutch and English.
 */
export function checkAnswers(def: Definition, input: Record<string, unknown>, opts: { dropHidden: boolean }): { answers: Answers } | { reason: string } {
  const items = allItems(def);
  const byCode = new Map(items.map((i) => [i.code, i]));
  const answers: Answers = {};
  for (const item of items) {
    const value = normalise(item, input[item.code]);
    if ('reason' in value) return { reason: `${item.code}: ${value.reason}` };
    if (value.value !== undefined) answers[item.code] = value.value;
    if (item.other) {
      const other = input[otherKey(item.code)];
      const chosen = answerValues(item, answers[item.code]).includes(OTHER);
      if (typeof other === 'string' && other.trim()) {
        if (!chosen) return { reason: `${otherKey(item.code)}: tekst bij "anders" zonder dat "anders" gekozen is / text for "other" while "other" is not chosen` };
        if (other.length > 2000) return { reason: `${otherKey(item.code)}: te lang / too long` };
        answers[otherKey(item.code)] = other.trim();
      }
    }
  }
  for (const item of items) {
    const shown = isShown(item, answers, byCode);
    if (!shown && answers[item.code] !== undefined) {
      if (opts.dropHidden) {
        delete answers[item.code];
        delete answers[otherKey(item.code)];
        continue;
      }
      return { reason: `${item.code}: beantwoord, maar deze vraag wordt bij dit antwoord overgeslagen / answered, but routing skips this item` };
    }
    if (shown && item.required && answers[item.code] === undefined) {
      return { reason: `${item.code}: deze vraag moet beantwoord worden / this item is required` };
    }
  }
  return { answers };
}

function normalise(item: Item, cell: unknown): { value: string | number | string[] | undefined } | { reason: string } {
  if (cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '') || (Array.isArray(cell) && cell.length === 0)) {
    return { value: undefined };
  }
  const allowed = new Set(categories(item).map((c) => c.value));
  switch (item.type) {
    case 'single': {
      const v = String(cell).trim();
      return allowed.has(v) ? { value: v } : { reason: `"${v}" is geen antwoordoptie / is not an option` };
    }
    case 'multi': {
      const values = (Array.isArray(cell) ? cell.map(String) : String(cell).split(';')).map((v) => v.trim()).filter(Boolean);
      const unknown = values.find((v) => !allowed.has(v));
      if (unknown) return { reason: `"${unknown}" is geen antwoordoptie / is not an option` };
      if (new Set(values).size !== values.length) return { reason: 'een optie staat er twee keer / an option is listed twice' };
      // kept in the instrument's order, so exports are stable
      const order = categories(item).map((c) => c.value);
      return { value: values.sort((a, b) => order.indexOf(a) - order.indexOf(b)) };
    }
    case 'likert5': {
      const n = Number(String(cell).trim());
      return Number.isInteger(n) && n >= 1 && n <= 5 ? { value: n } : { reason: `"${cell}" is geen score van 1 tot en met 5 / is not a score from 1 to 5` };
    }
    case 'number': {
      // a Dutch decimal comma is accepted too
      const s = String(cell).trim().replace(',', '.');
      const n = typeof cell === 'number' ? cell : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
      if (!Number.isFinite(n)) return { reason: `"${cell}" is geen getal / is not a number` };
      if (item.min !== undefined && n < item.min) return { reason: `${n} is kleiner dan ${item.min} / is below the minimum` };
      if (item.max !== undefined && n > item.max) return { reason: `${n} is groter dan ${item.max} / is above the maximum` };
      return { value: n };
    }
    case 'text': {
      const v = String(cell).trim();
      return v.length <= 5000 ? { value: v } : { reason: 'te lang (meer dan 5000 tekens) / too long' };
    }
  }
}
