/**
 * Statistical disclosure control for the monitor. Pure functions, tested by hand-made cases.
 *
 * Primary: a person-based cell about fewer than MIN_CELL students (but at least one) is
 * suppressed. Secondary: a total with its visible parts must not reveal a suppressed part, so
 * the part of a total that its visible parts do not account for must be 0 or at least MIN_CELL;
 * while it is 1–9, the smallest visible part is suppressed too, with everything below it (its
 * own parts would otherwise give it away again).
 */
export const MIN_CELL = 10;

export interface Cell {
  key: string;
  n: number;
  personBased: boolean;
  suppressed: boolean;
}

/** A total and the cells it is made of (students without a part are not a cell but still count). */
export interface Partition {
  parent: string;
  children: string[];
}

export const primarySuppressed = (n: number, personBased = true) => personBased && n > 0 && n < MIN_CELL;

/**
 * Applies primary and secondary suppression in place. `partitions` must come top-down (an
 * institution before its teams) so a suppressed total hides its parts. `descendants` lists,
 * per cell, the cells below it that are suppressed with it.
 */
export function suppress(cells: Map<string, Cell>, partitions: Partition[], descendants: (key: string) => string[] = () => []): void {
  for (const c of cells.values()) if (primarySuppressed(c.n, c.personBased)) c.suppressed = true;
  const hide = (key: string) => {
    const c = cells.get(key);
    if (!c || c.suppressed) return;
    c.suppressed = true;
    for (const d of descendants(key)) hide(d);
  };
  // A cell hidden late (by a breakdown's partition) can open a gap in an earlier total: repeat until stable.
  for (let pass = 0; pass < 10; pass++) {
    const before = countSuppressed(cells);
    for (const p of partitions) applyPartition(cells, p, hide);
    if (countSuppressed(cells) === before) break;
  }
}

const countSuppressed = (cells: Map<string, Cell>) => [...cells.values()].filter((c) => c.suppressed).length;

function applyPartition(cells: Map<string, Cell>, p: Partition, hide: (key: string) => void) {
  const parent = cells.get(p.parent);
  if (!parent || !parent.personBased) return;
  const children = p.children.map((k) => cells.get(k)).filter((c): c is Cell => !!c);
  if (parent.suppressed) {
    for (const c of children) hide(c.key);
    return;
  }
  for (;;) {
    const visible = children.filter((c) => !c.suppressed);
    const unaccounted = parent.n - visible.reduce((s, c) => s + c.n, 0);
    if (unaccounted <= 0 || unaccounted >= MIN_CELL) return;
    const smallest = visible.filter((c) => c.n > 0).sort((a, b) => a.n - b.n || a.key.localeCompare(b.key))[0];
    if (!smallest) return;
    hide(smallest.key);
  }
}
