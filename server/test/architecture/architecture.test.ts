import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from './import-graph.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * What another module may import of a module: its manifest (`module.ts`, for the module list),
 * its public functions (`service.ts`), its request and response shapes (`schema.ts`) and its
 * table types (`tables.ts`). org's `relations.ts` is the one exception: it holds the relation
 * facts (mentor of, parent of, praktijkopleider during the internship) every policy decides on.
 */
const PUBLIC_FACE = new Set(['module.ts', 'service.ts', 'schema.ts', 'tables.ts']);
const SHARED_INTERNALS = new Set(['modules/org/relations.ts']);

const moduleOf = (file: string) => file.match(/^server\/src\/modules\/([^/]+)\/(.+)$/);

describe('the shape of the code', () => {
  const graph = importGraph(ROOT, ['server/src', 'web/src']);

  it('has no import cycles, type-only imports included', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph)).toEqual([]);
  });

  it('reaches another module only through its public face', () => {
    const violations: string[] = [];
    for (const [file, edges] of graph) {
      const from = moduleOf(file);
      for (const { target } of edges) {
        const to = moduleOf(target);
        if (!to || (from && from[1] === to[1])) continue;
        const relative = `modules/${to[1]}/${to[2]}`;
        if (PUBLIC_FACE.has(to[2]!) || SHARED_INTERNALS.has(relative)) continue;
        violations.push(`${file} imports ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('mounts modules only through their manifests', () => {
    const index = graph.get('server/src/modules/index.ts') ?? [];
    const notManifests = index.map((e) => e.target).filter((t) => moduleOf(t) && !t.endsWith('/module.ts') && !t.endsWith('/manifest.ts'));
    expect(notManifests).toEqual([]);
  });
});
