import { describe, expect, it } from 'vitest';
import { suppress, type Cell } from './suppression.js';

const cells = (spec: Record<string, number>, personBased = true) =>
  new Map<string, Cell>(Object.entries(spec).map(([key, n]) => [key, { key, n, personBased, suppressed: false }]));
const hidden = (m: Map<string, Cell>) => [...m.values()].filter((c) => c.suppressed).map((c) => c.key).sort();

describe('suppression', () => {
  it('suppresses cells of 1–9 students, not 0 or 10', () => {
    const m = cells({ a: 0, b: 1, c: 9, d: 10 });
    suppress(m, []);
    expect(hidden(m)).toEqual(['b', 'c']);
  });

  it('never suppresses figures that are not about students', () => {
    const m = cells({ actions: 3 }, false);
    suppress(m, []);
    expect(hidden(m)).toEqual([]);
  });

  it('hides a second part when a total and the other parts would reveal a suppressed one', () => {
    // institution 60 = team A 35 + team B 20 + team C 5: C is 60 − 35 − 20 unless one more is hidden.
    const m = cells({ inst: 60, A: 35, B: 20, C: 5 });
    suppress(m, [{ parent: 'inst', children: ['A', 'B', 'C'] }]);
    expect(hidden(m)).toEqual(['B', 'C']);
  });

  it('keeps going until the hidden part of a total is at least 10', () => {
    // 30 = 4 + 3 + 12 + 11: hiding 4 and 3 leaves 7 unaccounted; the smallest visible (11) goes too.
    const m = cells({ t: 30, a: 4, b: 3, c: 12, d: 11 });
    suppress(m, [{ parent: 't', children: ['a', 'b', 'c', 'd'] }]);
    expect(hidden(m)).toEqual(['a', 'b', 'd']);
  });

  it('treats students outside every part as a hidden part', () => {
    // 40 students, parts 18 + 16: the 6 without a group would be 40 − 18 − 16.
    const m = cells({ t: 40, g1: 18, g2: 16 });
    suppress(m, [{ parent: 't', children: ['g1', 'g2'] }]);
    expect(hidden(m)).toEqual(['g2']);
  });

  it('leaves a total alone when its hidden parts together are 10 or more', () => {
    const m = cells({ t: 50, a: 6, b: 5, c: 39 });
    suppress(m, [{ parent: 't', children: ['a', 'b', 'c'] }]);
    expect(hidden(m)).toEqual(['a', 'b']);
  });

  it('hides the parts of a hidden total, and the parts below a secondarily hidden cell', () => {
    // inst 45 = A 40 + B 5; A is hidden (secondary), so its groups (20 + 20) must not give it away.
    const m = cells({ inst: 45, A: 40, B: 5, A1: 20, A2: 20, B1: 5 });
    const below: Record<string, string[]> = { A: ['A1', 'A2'], B: ['B1'] };
    suppress(
      m,
      [
        { parent: 'inst', children: ['A', 'B'] },
        { parent: 'A', children: ['A1', 'A2'] },
        { parent: 'B', children: ['B1'] },
      ],
      (k) => below[k] ?? [],
    );
    expect(hidden(m)).toEqual(['A', 'A1', 'A2', 'B', 'B1']);
  });
});
