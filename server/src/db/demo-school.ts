/**
 * What a module's demo hook gets: the demo school's people and structure, and the seeded
 * random numbers that make every run the same. Kept apart from the demo orchestration
 * (`demo.ts`, which calls every module) so modules can use it without an import cycle.
 */
/** Deterministic pseudo-random numbers (mulberry32). */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
export type Random = ReturnType<typeof seededRandom>;

export interface DemoSchool {
  institutionId: string;
  today: string;
  random: Random;
  users: Record<string, string>;
  students: { id: string; groupCode: string; level: number }[];
  groups: Record<string, string>;
  programmes: Record<string, string>;
}
